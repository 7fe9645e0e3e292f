//! Entry point of the full reader app: mounts [`broadsheet::App`] into the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(broadsheet::App);
}
