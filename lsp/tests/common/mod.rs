//! An in-memory LSP client for the server's tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::{self as lt, Url};
use serde_json::Value;

/// A server on an in-memory connection, with a workspace on disk.
pub struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next: i32,
    /// The workspace root.
    pub root: PathBuf,
    /// Diagnostics received so far, latest per file last.
    pub published: Vec<lt::PublishDiagnosticsParams>,
    /// Requests the server sent to the client, in order.
    pub server_requests: Vec<Request>,
}

/// A source with a `$0` cursor marker: the text without it, and the offset.
pub fn cursor(src: &str) -> (String, usize) {
    let at = src.find("$0").expect("fixture has a $0 cursor");
    (src.replacen("$0", "", 1), at)
}

/// The LSP position of byte `offset` in `text` (ASCII fixtures).
pub fn pos(text: &str, offset: usize) -> lt::Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let col = (offset - before.rfind('\n').map_or(0, |i| i + 1)) as u32;
    lt::Position::new(line, col)
}

impl Client {
    /// Writes `files` (path, text) under a fresh root and starts a server on it.
    pub fn start(name: &str, files: &[(&str, &str)]) -> Client {
        Self::start_with(name, files, None)
    }

    /// Like [`Client::start`], with initialization options.
    pub fn start_with(name: &str, files: &[(&str, &str)], options: Option<Value>) -> Client {
        Self::start_full(name, files, options, lt::ClientCapabilities::default())
    }

    /// Like [`Client::start_with`], announcing `capabilities`.
    pub fn start_full(
        name: &str,
        files: &[(&str, &str)],
        options: Option<Value>,
        capabilities: lt::ClientCapabilities,
    ) -> Client {
        let root = std::env::temp_dir().join(format!("phantom-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (p, t) in files {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, t).unwrap();
        }
        std::fs::create_dir_all(&root).unwrap();
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || phantom_lsp::run(&server));
        let mut c = Client {
            conn,
            server: Some(handle),
            next: 0,
            root: root.clone(),
            published: Vec::new(),
            server_requests: Vec::new(),
        };
        #[allow(deprecated)]
        let init = lt::InitializeParams {
            root_uri: Some(Url::from_file_path(&root).unwrap()),
            initialization_options: options,
            capabilities,
            ..Default::default()
        };
        let caps = c.raw_request("initialize", serde_json::to_value(init).unwrap());
        assert!(caps.get("capabilities").is_some(), "{caps}");
        c.notify("initialized", serde_json::json!({}));
        c
    }

    /// The URI of a workspace file.
    pub fn uri(&self, rel: &str) -> Url {
        Url::from_file_path(self.root.join(rel)).unwrap()
    }

    /// Sends a notification.
    pub fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    /// Sends a request and waits for its result (`Err` holds an error message).
    pub fn try_request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next += 1;
        let id = RequestId::from(self.next);
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => {
                    return match r.error {
                        Some(e) => Err(e.message),
                        None => Ok(r.result.unwrap_or(Value::Null)),
                    }
                }
                _ => {}
            }
        }
    }

    /// Sends a request and returns its result.
    pub fn raw_request(&mut self, method: &str, params: Value) -> Value {
        self.try_request(method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// A typed request.
    pub fn request<R: lt::request::Request>(&mut self, params: R::Params) -> R::Result {
        let v = self.raw_request(R::METHOD, serde_json::to_value(params).unwrap());
        serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{}: {e}: {v}", R::METHOD))
    }

    fn recv(&mut self) -> Message {
        let m = self
            .conn
            .receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers");
        if let Message::Request(r) = &m {
            self.server_requests.push(r.clone());
        }
        if let Message::Notification(n) = &m {
            if n.method == lt::notification::PublishDiagnostics::METHOD {
                self.published
                    .push(serde_json::from_value(n.params.clone()).unwrap());
            }
        }
        m
    }

    /// Waits for the next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &Url) -> Vec<lt::Diagnostic> {
        let seen = self.published.len();
        loop {
            if let Some(p) = self.published[seen..].iter().find(|p| &p.uri == uri) {
                return p.diagnostics.clone();
            }
            self.recv();
        }
    }

    /// Opens a file in the "editor" and returns its diagnostics.
    pub fn open(&mut self, rel: &str, text: &str) -> Vec<lt::Diagnostic> {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            serde_json::json!({"textDocument": {"uri": uri, "languageId": "phantom", "version": 1, "text": text}}),
        );
        self.diagnostics(&uri)
    }

    /// Replaces a file's text (full sync), without waiting.
    pub fn change(&self, rel: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            serde_json::json!({"textDocument": {"uri": self.uri(rel), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// A position parameter for `rel` at byte `offset` of `text`.
    pub fn at(&self, rel: &str, text: &str, offset: usize) -> lt::TextDocumentPositionParams {
        lt::TextDocumentPositionParams::new(
            lt::TextDocumentIdentifier::new(self.uri(rel)),
            pos(text, offset),
        )
    }

    /// Path of a workspace file.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Shuts the server down cleanly and checks that it ended well.
    pub fn shutdown(mut self) {
        self.raw_request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let r = self.server.take().unwrap().join().expect("server thread");
        assert_eq!(r, Ok(()));
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The text of a hover answer.
pub fn hover_text(h: &lt::Hover) -> String {
    match &h.contents {
        lt::HoverContents::Markup(m) => m.value.clone(),
        other => format!("{other:?}"),
    }
}

/// Whether `path` ends with `tail`.
pub fn ends_with(path: &Path, tail: &str) -> bool {
    path.to_string_lossy().ends_with(tail)
}
