//! The accept loop: HTTP/1.1 connections, each bounded in what it may cost, and a graceful
//! shutdown.
//!
//! - A connection must send a whole request head within `header_timeout` of being accepted or
//!   of its previous answer (hyper measures both with one timer), so neither a client sending
//!   its headers a byte at a time nor an idle keep-alive connection holds a slot for long.
//! - At most `max_connections` are served at once: the loop accepts only when a slot is free,
//!   and the others wait in the kernel's listen queue, costing this process nothing.
//! - On the shutdown signal it stops accepting, closes idle connections, and gives requests in
//!   flight `shutdown_grace` to finish.
//!
//! The time a request may take once its head is in is the router's (`routes::router`).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Service;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a connection may take to send a request head, counted from when it was
    /// accepted or its previous answer was sent.
    pub header_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
    /// How long requests in flight get to finish once the shutdown signal came.
    pub shutdown_grace: Duration,
}

/// Serves `app` on `listener` until `shutdown` completes, then drains the connections.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    // Each connection's requests carry its peer address (`ConnectInfo`, for the rate limit).
    let mut make_service = app.into_make_service_with_connect_info::<SocketAddr>();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);

    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                // Only a closed semaphore fails, and this one is never closed.
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small answers go out at once rather than waiting to fill a packet.
        let _ = stream.set_nodelay(true);
        let service = match make_service.call(peer).await {
            Ok(service) => service,
            Err(never) => match never {},
        };
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A failed connection is the client's doing (a reset, a header timeout): it is
            // closed, and there is no one to tell.
            let _ = connection.await;
            drop(slot);
        });
    }

    // New connections are refused from here on.
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await.is_err() {
        eprintln!(
            "broadsheet-backend: requests still running after {:?}; stopping anyway",
            limits.shutdown_grace
        );
    }
}

/// A failed `accept`: one client's connection that died before it was accepted is nothing, but
/// running out of file descriptors would fail again at once, so then the loop pauses.
async fn accept_failed(error: io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(error.kind(), ConnectionAborted | ConnectionRefused | ConnectionReset) {
        eprintln!("broadsheet-backend: cannot accept a connection: {error}");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
