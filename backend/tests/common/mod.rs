//! What the backend's integration tests share: starting the real binary and learning its
//! address.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

/// The backend binary with `--port 0`, for a test to add its flags to.
pub fn backend_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_broadsheet-backend"));
    command.args(["--port", "0"]);
    command
}

/// Starts `command` (stdout piped here; stderr as the caller set it, else discarded) and waits
/// for the line the backend prints when it listens: the child and its address.
pub fn launch(command: &mut Command) -> (Child, SocketAddr) {
    let mut child = command.stdout(Stdio::piped()).spawn().expect("backend starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let address = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.split("listening on http://").nth(1).map(str::to_owned))
        .expect("backend prints its address")
        .parse()
        .expect("a socket address");
    (child, address)
}
