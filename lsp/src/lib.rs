//! `plc lsp`: the Phantom language server.
//!
//! Speaks the Language Server Protocol over stdio ([`run_stdio`]) or any
//! [`lsp_server::Connection`] ([`run`], which tests drive in memory). It
//! keeps every `.ph` file under the workspace root ([`world`]), analyses
//! files with the compiler's front end and answers from its semantic index
//! ([`features`]). Only this crate knows LSP.
//!
//! Diagnostics are pushed when a file is opened or saved, and
//! [`DEBOUNCE`] after the last change; other requests never clear them.

pub mod features;
pub mod text;
pub mod world;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as n, request as r, InitializeParams, Url};

use world::World;

/// How long after the last change a file is re-checked.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server on standard input and output until the client exits.
/// Returns an error message if the connection broke.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    run(&connection)?;
    drop(connection);
    io.join().map_err(|e| e.to_string())
}

/// Runs the server on `connection`: the handshake, then requests and
/// notifications until `shutdown` and `exit`.
pub fn run(connection: &Connection) -> Result<(), String> {
    let caps = serde_json::to_value(features::capabilities()).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let mut server = Server::new(&params);
    if watches_files(&params) {
        // Ask to hear of `.ph` files created, changed or deleted on disk.
        let reg = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "plc-watch-sources".into(),
                method: n::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(
                    lsp_types::DidChangeWatchedFilesRegistrationOptions {
                        watchers: vec![lsp_types::FileSystemWatcher {
                            glob_pattern: lsp_types::GlobPattern::String("**/*.ph".into()),
                            kind: None,
                        }],
                    },
                )
                .ok(),
            }],
        };
        let req = Request::new(
            lsp_server::RequestId::from("plc-register-watch".to_string()),
            r::RegisterCapability::METHOD.into(),
            reg,
        );
        connection
            .sender
            .send(req.into())
            .map_err(|e| e.to_string())?;
    }
    server.main_loop(connection)
}

/// Whether the client can watch files for the server on request.
fn watches_files(params: &InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

/// The server's state between messages.
pub struct Server {
    world: World,
    /// Files changed and not yet re-checked, with when to re-check them.
    dirty: BTreeMap<PathBuf, Instant>,
}

/// The file a URI names (non-file URIs get a path of their own).
pub fn uri_path(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .unwrap_or_else(|()| PathBuf::from(format!("/{}", uri.as_str().replace(':', "_"))))
}

/// The URI of a file.
pub fn path_uri(path: &std::path::Path) -> Url {
    Url::from_file_path(path).unwrap_or_else(|()| Url::parse("file:///invalid").expect("valid"))
}

impl Server {
    /// A server for the workspace `params` describe: its root's `.ph`
    /// files, with class paths from `phantom.toml` and the
    /// initialization option `classPath`.
    pub fn new(params: &InitializeParams) -> Server {
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|w| w.first())
            .map(|w| uri_path(&w.uri))
            .or_else(|| params.root_uri.as_ref().map(uri_path));
        let mut class_path = Vec::new();
        if let Some(r) = &root {
            class_path.extend(world::project_class_path(r));
        }
        if let Some(cp) = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("classPath"))
            .and_then(|c| c.as_array())
        {
            for c in cp.iter().filter_map(|c| c.as_str()) {
                let p = PathBuf::from(c);
                class_path.push(match &root {
                    Some(r) if p.is_relative() => r.join(p),
                    _ => p,
                });
            }
        }
        let mut world = World::new(class_path);
        if let Some(r) = &root {
            world.load_root(r);
        }
        Server {
            world,
            dirty: BTreeMap::new(),
        }
    }

    fn main_loop(&mut self, connection: &Connection) -> Result<(), String> {
        loop {
            let next = self.dirty.values().min().copied();
            let msg = match next {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    match connection.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(e) if e.is_timeout() => None,
                        Err(_) => return Ok(()),
                    }
                }
                None => match connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match msg {
                None => {
                    let now = Instant::now();
                    let due: Vec<PathBuf> = self
                        .dirty
                        .iter()
                        .filter(|(_, t)| **t <= now)
                        .map(|(p, _)| p.clone())
                        .collect();
                    for p in due {
                        self.dirty.remove(&p);
                        self.check_and_publish(connection, &p, true);
                    }
                }
                Some(Message::Request(req)) => {
                    if req.method == r::Shutdown::METHOD {
                        let _ = connection
                            .sender
                            .send(Response::new_ok(req.id, serde_json::Value::Null).into());
                        continue;
                    }
                    let resp = self.request(req);
                    connection
                        .sender
                        .send(resp.into())
                        .map_err(|e| e.to_string())?;
                }
                Some(Message::Notification(not)) => {
                    if not.method == n::Exit::METHOD {
                        return Ok(());
                    }
                    self.notification(connection, not);
                }
                Some(Message::Response(_)) => {}
            }
        }
    }

    /// Re-checks `path` (and, if `deps`, the files that mention its
    /// classes) and publishes diagnostics for each.
    fn check_and_publish(&mut self, connection: &Connection, path: &PathBuf, deps: bool) {
        self.world.analyze_together(std::slice::from_ref(path));
        self.publish(connection, path);
        if deps {
            let dependents = self.world.dependents(path);
            self.world.analyze_together(&dependents);
            for d in dependents {
                self.publish(connection, &d);
            }
        }
    }

    fn publish(&self, connection: &Connection, path: &std::path::Path) {
        let params = features::diagnostics(&self.world, path);
        let not = Notification::new(n::PublishDiagnostics::METHOD.to_string(), params);
        let _ = connection.sender.send(not.into());
    }

    fn notification(&mut self, connection: &Connection, not: Notification) {
        match not.method.as_str() {
            n::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(not.params)
                else {
                    return;
                };
                let path = uri_path(&p.text_document.uri);
                self.world.set_text(&path, p.text_document.text, true);
                self.dirty.remove(&path);
                self.check_and_publish(connection, &path, false);
            }
            n::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(not.params)
                else {
                    return;
                };
                let path = uri_path(&p.text_document.uri);
                // Full-document sync: the last change holds the whole text.
                if let Some(c) = p.content_changes.into_iter().last() {
                    self.world.set_text(&path, c.text, true);
                    self.dirty.insert(path, Instant::now() + DEBOUNCE);
                }
            }
            n::DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(not.params)
                else {
                    return;
                };
                let path = uri_path(&p.text_document.uri);
                if let Some(t) = p.text {
                    self.world.set_text(&path, t, true);
                }
                self.dirty.remove(&path);
                self.check_and_publish(connection, &path, true);
            }
            n::DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(not.params)
                else {
                    return;
                };
                self.files_changed_on_disk(connection, p.changes);
            }
            n::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(not.params)
                else {
                    return;
                };
                let path = uri_path(&p.text_document.uri);
                if let Some(f) = self.world.files.get_mut(&path) {
                    f.open = false;
                }
            }
            _ => {}
        }
    }

    /// Files created, changed or deleted outside the editor: read again or
    /// forgotten (unless open: the editor's text wins), then they and the
    /// files that mention their classes are re-checked.
    fn files_changed_on_disk(
        &mut self,
        connection: &Connection,
        changes: Vec<lsp_types::FileEvent>,
    ) {
        let mut recheck: Vec<PathBuf> = Vec::new();
        for ch in changes {
            let path = uri_path(&ch.uri);
            if path.extension().is_none_or(|x| x != "ph")
                || self.world.files.get(&path).is_some_and(|f| f.open)
            {
                continue;
            }
            let text = if ch.typ == lsp_types::FileChangeType::DELETED {
                None
            } else {
                std::fs::read_to_string(&path).ok()
            };
            match text {
                Some(t) => {
                    self.world.set_text(&path, t, false);
                    recheck.push(path);
                }
                None if self.world.files.contains_key(&path) => {
                    self.dirty.remove(&path);
                    recheck.extend(self.world.remove(&path));
                    // Clear what the editor shows for the deleted file.
                    let params =
                        lsp_types::PublishDiagnosticsParams::new(path_uri(&path), Vec::new(), None);
                    let not = Notification::new(n::PublishDiagnostics::METHOD.to_string(), params);
                    let _ = connection.sender.send(not.into());
                }
                None => {}
            }
        }
        recheck.sort();
        recheck.dedup();
        recheck.retain(|p| self.world.files.contains_key(p));
        // The changed files first, so that the classes a new file declares
        // are known when finding the files that mention them.
        let (changed, others): (Vec<PathBuf>, Vec<PathBuf>) = recheck
            .into_iter()
            .partition(|p| !self.world.files[p].fresh);
        self.world.analyze_together(&changed);
        let mut deps: Vec<PathBuf> = others;
        for p in &changed {
            deps.extend(self.world.dependents(p));
        }
        deps.sort();
        deps.dedup();
        deps.retain(|d| !changed.contains(d));
        self.world.analyze_together(&deps);
        for p in changed.iter().chain(&deps) {
            self.publish(connection, p);
        }
    }

    /// Answers one request.
    pub fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match features::handle(&mut self.world, &req.method, req.params) {
            Ok(v) => Response::new_ok(id, v),
            Err(features::Failure::Unknown) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", req.method),
            ),
            Err(features::Failure::BadParams(e)) => {
                Response::new_err(id, ErrorCode::InvalidParams as i32, e)
            }
            Err(features::Failure::Refused(e)) => {
                Response::new_err(id, ErrorCode::RequestFailed as i32, e)
            }
        }
    }
}
