//! End to end: `emacs --batch` with eglot, set up by the configuration that
//! `docs/editors.md` documents (its Emacs Lisp snippet, read from the file,
//! with the path of the `plc` under test), drives `plc lsp` on a small
//! workspace: `M-x eglot` in a broken file, its diagnostic through Flymake,
//! a hover through eglot's ElDoc function, a definition in another file
//! through xref. Emacs and eglot (Debian's `emacs-nox` and `elpa-eglot`)
//! are installed by `cargo xtask ci`; without `emacs` on the PATH this test
//! fails.

use std::path::Path;
use std::process::Command;

mod editor_workspace;

/// The test itself; ROOT and OUT are replaced by Lisp strings.
const SCRIPT: &str = r#"
(require 'eglot)
(require 'xref)
(defvar test-out nil)
(defun test-log (s) (push s test-out))
(defun test-wait (pred secs)
  (let ((end (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.05))
    (funcall pred)))
(condition-case err
    (progn
      ;; 1. M-x eglot in a broken file, and its diagnostic through Flymake
      (find-file (expand-file-name "broken.ph" ROOT))
      (test-log (format "mode %s" major-mode))
      (call-interactively #'eglot)
      (test-wait #'eglot-managed-p 10)
      (test-log (format "project %s"
                        (if (equal (file-name-as-directory (project-root (eglot--project (eglot-current-server))))
                                   (file-name-as-directory ROOT))
                            "found" (project-root (eglot--project (eglot-current-server))))))
      (test-wait #'flymake-diagnostics 10)
      (dolist (d (flymake-diagnostics))
        (let ((beg (flymake-diagnostic-beg d)))
          (test-log (format "diagnostic %d:%d %s %s"
                            (line-number-at-pos beg)
                            (save-excursion (goto-char beg) (current-column))
                            (flymake-diagnostic-type d)
                            (car (split-string (flymake-diagnostic-text d) "\n"))))))
      ;; 2. hover, as ElDoc asks for it
      (find-file (expand-file-name "main.ph" ROOT))
      (test-wait #'eglot-managed-p 10)
      (goto-char (point-min))
      (search-forward "s.ar")
      (let (hover)
        (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info "none"))))
        (test-wait (lambda () hover) 10)
        (test-log (format "hover %s" (replace-regexp-in-string "\n" " | " (format "%s" hover)))))
      ;; 3. go to definition (M-.) in another file
      (call-interactively #'xref-find-definitions)
      (test-log (format "definition %s %d:%d"
                        (file-name-nondirectory (or buffer-file-name ""))
                        (line-number-at-pos) (current-column)))
      ;; 4. eglot accepted the server's request to watch the sources
      ;; (files created or deleted outside Emacs); that the events then
      ;; arrive is not checked: `emacs --batch' does not deliver
      ;; file-notify events (see docs/editors.md)
      (test-log (format "watches %d" (hash-table-count (eglot--file-watches (eglot-current-server)))))
      (test-log (format "servers %d" (hash-table-count eglot--servers-by-project))))
  (error (test-log (format "error %S" err))))
(with-temp-file OUT
  (insert (mapconcat #'identity (reverse test-out) "\n") "\n"))
(kill-emacs 0)
"#;

/// The documented Emacs configuration: the first Emacs Lisp block after
/// the Emacs heading of `docs/editors.md`, running the `plc` under test.
fn documented_config() -> String {
    editor_workspace::documented_config(
        "## Emacs",
        "elisp",
        r#"(phantom-mode "plc" "lsp")"#,
        &format!("(phantom-mode {:?} \"lsp\")", env!("CARGO_BIN_EXE_plc")),
    )
}

/// A Lisp string.
fn lisp(s: &Path) -> String {
    format!("{:?}", s.display().to_string())
}

#[test]
fn emacs_eglot_reports_a_diagnostic_a_hover_and_a_definition() {
    let emacs = Command::new("emacs").arg("--version").output();
    assert!(
        emacs.is_ok_and(|o| o.status.success()),
        "this test needs Emacs with eglot: `apt-get install emacs-nox elpa-eglot` (cargo xtask ci installs them)"
    );
    let root = editor_workspace::workspace("emacs");
    let out = root.join("report.txt");
    let script = documented_config()
        + &SCRIPT
            .replace("ROOT", &lisp(&root))
            .replace("OUT", &lisp(&out));
    let script_path = root.join("test.el");
    std::fs::write(&script_path, script).unwrap();
    let output = Command::new("emacs")
        .arg("--batch")
        .arg("-l")
        .arg(&script_path)
        .current_dir(std::env::temp_dir())
        .env("HOME", &root)
        .output()
        .expect("emacs runs");
    let report = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "Emacs wrote no report ({e}); it said:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&root);
    assert!(output.status.success(), "{report}");
    let expected = [
        "mode phantom-mode",
        "project found",
        "diagnostic 8:12 eglot-error plc [E0400]: cannot find `nope` in this method",
        // Markdown as sent: eglot renders it only with markdown-mode installed.
        "hover ```phantom | int area() [16] | ``` | method of `.demo.shape`, ordinal 16",
        "definition shape.ph 6:8",
        "watches 1",
        "servers 1",
    ];
    let got: Vec<&str> = report.lines().collect();
    assert_eq!(got, expected, "Emacs reported:\n{report}");
}
