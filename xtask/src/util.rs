//! Running commands with visible progress.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Prints a progress line that stands out from tool output.
pub fn step(msg: &str) {
    println!("\x1b[1m==> {msg}\x1b[0m");
}

/// Runs `cmd`, echoing it first; fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    println!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("starting {}", describe(cmd)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", describe(cmd));
    }
    Ok(())
}

/// The command as a shell-like string.
pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Whether an executable named `name` is on PATH.
pub fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| is_executable(&d.join(name))))
        .unwrap_or(false)
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// The cargo that runs us (so toolchain overrides carry over).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Makes sure the tools in `needed` ((tool, Debian package)) run: a tool
/// that runs (`TOOL --version` succeeds) is used as it is; the packages of
/// the others are installed, but never at the price of removing a package
/// the machine has (`apt-get install --no-remove`: installing
/// `qemu-system-x86` from bookworm would remove a newer `qemu-utils`). A
/// package that cannot be installed without removals is not installed, and
/// the call fails naming the conflict.
pub fn ensure_tools(needed: &[(&str, &str)]) -> Result<()> {
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for &(tool, pkg) in needed {
        match tool_version(tool) {
            Ok(v) => present.push(format!("{tool} ({v})")),
            Err(why) => missing.push((tool, pkg, why)),
        }
    }
    if !present.is_empty() {
        println!("present, not installing: {}", present.join(", "));
    }
    if missing.is_empty() {
        return Ok(());
    }
    for (tool, _, why) in &missing {
        println!("{tool}: {why}");
    }
    let pkgs: Vec<&str> = missing.iter().map(|m| m.1).collect();
    step(&format!(
        "installing missing Debian packages: {}",
        pkgs.join(" ")
    ));
    let sudo = if is_root() {
        None
    } else if on_path("sudo") {
        Some("sudo")
    } else {
        bail!("need root (or sudo) to install {}", pkgs.join(" "));
    };
    // Lists that came with the machine may name versions the mirror no
    // longer has: read them again before installing anything.
    run(&mut apt_get(sudo, &["update"]))?;
    // Ask apt, package by package, what installing would do; a simulation
    // needs no root and changes nothing.
    let mut installable: Vec<(&str, &str, Option<String>)> = Vec::new();
    let mut problems = Vec::new();
    for &(tool, pkg, _) in &missing {
        let mut v = simulate(pkg, None)?;
        let mut release = None;
        if let Verdict::WouldRemove(_) = &v {
            // The machine's packages may come from the release's backports
            // (its qemu-utils does): the same release fits them.
            if let Some(bp) = backports(sudo)? {
                let again = simulate(pkg, Some(&bp))?;
                if again == Verdict::Installable {
                    release = Some(bp);
                    v = again;
                }
            }
        }
        match v {
            Verdict::Installable => installable.push((tool, pkg, release)),
            Verdict::WouldRemove(removed) => problems.push(format!(
                "{tool} is missing, and installing {pkg} would remove {} (installed \
                 on this machine), also from the release's backports, so {pkg} was not \
                 installed and nothing was removed; install a {pkg} that fits the \
                 installed {} (`apt-cache policy {pkg} {}` shows the versions) or put a \
                 working {tool} on PATH",
                removed.join(" "),
                removed.join(" "),
                removed.join(" ")
            )),
            Verdict::Failed(why) => {
                problems.push(format!("cannot install {pkg} (for {tool}): {why}"))
            }
        }
    }
    for (tool, pkg, release) in &installable {
        run(&mut apt_get(
            sudo,
            &install_args(&[pkg], false, release.as_deref()),
        ))?;
        if let Err(why) = tool_version(tool) {
            problems.push(format!(
                "package {pkg} installed but {tool} does not run: {why}"
            ));
        }
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(())
}

/// `apt-get ARGS`, through `sudo` if given, never asking questions.
fn apt_get(sudo: Option<&str>, args: &[&str]) -> Command {
    let mut c = match sudo {
        Some(s) => {
            let mut c = Command::new(s);
            c.arg("apt-get");
            c
        }
        None => Command::new("apt-get"),
    };
    c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    c
}

/// The arguments of `apt-get install` for `pkgs`: without recommended
/// packages, aborting rather than removing any package (`--no-remove`),
/// and only simulated (`-s`) if `simulate`.
fn install_args<'a>(pkgs: &[&'a str], simulate: bool, release: Option<&'a str>) -> Vec<&'a str> {
    let mut a = vec!["install", "-y", "--no-install-recommends", "--no-remove"];
    if simulate {
        a.push("-s");
    }
    if let Some(r) = release {
        a.extend(["-t", r]);
    }
    a.extend_from_slice(pkgs);
    a
}

/// What installing `pkg` (from `release`, if given) would do.
fn simulate(pkg: &str, release: Option<&str>) -> Result<Verdict> {
    let mut sim = apt_get(None, &install_args(&[pkg], true, release));
    let out = sim
        .output()
        .with_context(|| format!("starting {}", describe(&sim)))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(verdict(out.status.success(), &text))
}

/// Where this project lists the Debian release's backports, if apt has no
/// source for them yet.
const BACKPORTS_LIST: &str = "/etc/apt/sources.list.d/phantom-backports.list";

/// The name of the Debian release's backports (`bookworm-backports`),
/// with a source for them added (and the lists read) if apt had none.
/// `None` off Debian, or without root to add the source.
fn backports(sudo: Option<&str>) -> Result<Option<String>> {
    let Ok(release) = std::fs::read_to_string("/etc/os-release") else {
        return Ok(None);
    };
    let Some(codename) = os_release_codename(&release) else {
        return Ok(None);
    };
    let name = format!("{codename}-backports");
    let known = Command::new("apt-cache")
        .arg("policy")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("n={name}")));
    if !known {
        if sudo.is_some() {
            return Ok(None);
        }
        std::fs::write(
            BACKPORTS_LIST,
            format!("deb http://deb.debian.org/debian {name} main\n"),
        )
        .with_context(|| format!("writing {BACKPORTS_LIST}"))?;
        run(&mut apt_get(None, &["update"]))?;
    }
    Ok(Some(name))
}

/// `VERSION_CODENAME` of an `/etc/os-release` text, on Debian.
fn os_release_codename(text: &str) -> Option<String> {
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim_matches('"').to_string())
    };
    (field("ID=")? == "debian").then_some(())?;
    field("VERSION_CODENAME=").filter(|c| !c.is_empty())
}

/// What `apt-get install --no-remove` says it would do.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// It installs without removing anything.
    Installable,
    /// It would have to remove these installed packages.
    WouldRemove(Vec<String>),
    /// It fails otherwise (unknown package, downgrade, broken lists): the
    /// error lines.
    Failed(String),
}

/// Reads apt-get's output and exit status.
fn verdict(success: bool, output: &str) -> Verdict {
    let removed = listed(output, "The following packages will be REMOVED:");
    if !removed.is_empty() {
        return Verdict::WouldRemove(removed);
    }
    if success {
        return Verdict::Installable;
    }
    let errors: Vec<&str> = output.lines().filter(|l| l.starts_with("E: ")).collect();
    Verdict::Failed(if errors.is_empty() {
        "apt-get failed".to_string()
    } else {
        errors.join("; ")
    })
}

/// The package names apt lists, indented, under `header`.
fn listed(output: &str, header: &str) -> Vec<String> {
    let mut lines = output.lines().skip_while(|l| l.trim_end() != header);
    if lines.next().is_none() {
        return Vec::new();
    }
    lines
        .take_while(|l| l.starts_with(' '))
        .flat_map(str::split_whitespace)
        // apt marks packages whose configuration goes too with `*`.
        .map(|p| p.trim_end_matches('*').to_string())
        .collect()
}

/// The first line `TOOL --version` prints, if the tool runs and succeeds;
/// why not otherwise.
fn tool_version(tool: &str) -> Result<String, String> {
    if let Some(lib) = tool.strip_prefix(EMACS_LISP) {
        return emacs_library(lib);
    }
    let out = Command::new(tool)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {tool}: {e}"))?;
    let first = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string()
    };
    if out.status.success() {
        Ok(first(&out.stdout))
    } else {
        Err(format!(
            "`{tool} --version` failed with {}: {}",
            out.status,
            first(&out.stderr)
        ))
    }
}

/// A "tool" named `emacs-lisp:LIB` is an Emacs library, for packages that
/// install no program (`elpa-eglot`): it is present if `emacs --batch` can
/// `require` it.
pub const EMACS_LISP: &str = "emacs-lisp:";

fn emacs_library(lib: &str) -> Result<String, String> {
    if !lib.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || lib.is_empty() {
        return Err(format!("`{lib}` is not an Emacs library name"));
    }
    let out = Command::new("emacs")
        .args(["--batch", "--eval"])
        .arg(format!("(require '{lib})"))
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run emacs to load {lib}: {e}"))?;
    if out.status.success() {
        Ok(format!("Emacs library {lib}"))
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        // The backtrace follows the error line.
        let why = err
            .lines()
            .find(|l| l.contains("error"))
            .or(err.lines().last())
            .unwrap_or("");
        Err(format!("Emacs cannot load {lib}: {}", why.trim()))
    }
}

fn is_root() -> bool {
    // The effective uid is the owner of files we create; avoids a libc dependency.
    let probe = std::env::temp_dir().join(format!("xtask-uid-probe-{}", std::process::id()));
    let uid = std::fs::write(&probe, b"")
        .and_then(|_| std::fs::metadata(&probe))
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    let _ = std::fs::remove_file(&probe);
    matches!(uid, Ok(0))
}

/// Builds the `phantom` runtime in release mode; returns its path.
pub fn build_phantom_release(ctx: &crate::Ctx) -> Result<std::path::PathBuf> {
    let status = cargo()
        .args(["build", "--release", "-q", "-p", "phantom"])
        .current_dir(&ctx.root)
        .status()?;
    if !status.success() {
        bail!("building phantom failed");
    }
    Ok(ctx.target_dir.join("release/phantom"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emacs_library_is_checked_by_loading_it() {
        // Not a library name: refused before running anything.
        let e = tool_version("emacs-lisp:(shell-command)").unwrap_err();
        assert!(e.contains("not an Emacs library name"), "{e}");
        // A library no Emacs has: missing, whether or not Emacs is installed.
        assert!(tool_version("emacs-lisp:no-such-phantom-library").is_err());
    }

    /// `apt-get install -s --no-remove qemu-system-x86` on a bookworm
    /// machine with qemu-utils 10.0 from backports (shortened).
    const REMOVES: &str = "\
Reading package lists...
Building dependency tree...
Reading state information...
The following additional packages will be installed:
  ipxe-qemu libbrlapi0.8 libcacard0 qemu-system-common qemu-system-data seabios
Recommended packages:
  gstreamer1.0-plugins-base qemu-utils ovmf qemu-block-extra
The following packages will be REMOVED:
  qemu-utils
The following NEW packages will be installed:
  ipxe-qemu libbrlapi0.8 libcacard0 qemu-system-common qemu-system-data
  qemu-system-x86 seabios
0 upgraded, 27 newly installed, 1 to remove and 80 not upgraded.
E: Packages need to be removed but remove is disabled.
";

    #[test]
    fn the_release_codename_comes_from_os_release() {
        let debian = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_CODENAME=bookworm\n";
        assert_eq!(os_release_codename(debian).as_deref(), Some("bookworm"));
        let ubuntu = "ID=ubuntu\nVERSION_CODENAME=noble\n";
        assert_eq!(os_release_codename(ubuntu), None);
        assert_eq!(os_release_codename("ID=debian\n"), None);
    }

    #[test]
    fn install_never_removes_and_simulation_changes_nothing() {
        let a = install_args(&["qemu-system-x86", "gcc"], false, None);
        assert_eq!(
            a,
            [
                "install",
                "-y",
                "--no-install-recommends",
                "--no-remove",
                "qemu-system-x86",
                "gcc"
            ]
        );
        let s = install_args(&["gcc"], true, None);
        assert!(s.contains(&"--no-remove") && s.contains(&"-s"), "{s:?}");
        let b = install_args(&["qemu-system-x86"], true, Some("bookworm-backports"));
        assert_eq!(
            b[4..],
            ["-s", "-t", "bookworm-backports", "qemu-system-x86"]
        );
        let c = apt_get(Some("sudo"), &a);
        assert_eq!(
            describe(&c),
            "sudo apt-get install -y --no-install-recommends --no-remove qemu-system-x86 gcc"
        );
        assert!(c
            .get_envs()
            .any(|(k, v)| k == "DEBIAN_FRONTEND" && v == Some("noninteractive".as_ref())));
        assert_eq!(describe(&apt_get(None, &["update"])), "apt-get update");
    }

    #[test]
    fn a_removal_is_a_conflict_naming_the_package() {
        assert_eq!(
            verdict(false, REMOVES),
            Verdict::WouldRemove(vec!["qemu-utils".into()])
        );
        // Several, one marked for purge, across lines.
        let out = "The following packages will be REMOVED:\n  a b*\n  c\nThe following NEW packages will be installed:\n  d\n";
        assert_eq!(
            verdict(false, out),
            Verdict::WouldRemove(vec!["a".into(), "b".into(), "c".into()])
        );
    }

    #[test]
    fn other_outcomes() {
        let ok = "Reading package lists...\nThe following NEW packages will be installed:\n  gcc\nInst gcc (4:12.2.0-3 Debian:12.11/stable [amd64])\nConf gcc (4:12.2.0-3 Debian:12.11/stable [amd64])\n";
        assert_eq!(verdict(true, ok), Verdict::Installable);
        let unknown = "Reading package lists...\nE: Unable to locate package nosuch\n";
        assert_eq!(
            verdict(false, unknown),
            Verdict::Failed("E: Unable to locate package nosuch".into())
        );
        assert_eq!(verdict(false, ""), Verdict::Failed("apt-get failed".into()));
    }

    fn temp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("xtask-util-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_tool_counts_when_its_version_runs() {
        use std::os::unix::fs::PermissionsExt;
        let d = temp("tools");
        let script = |name: &str, body: &str| {
            let p = d.join(name);
            std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
            p.display().to_string()
        };
        let good = script(
            "good",
            "echo; echo 'QEMU emulator version 10.0.2'; echo more",
        );
        assert_eq!(tool_version(&good).unwrap(), "QEMU emulator version 10.0.2");
        let broken = script(
            "broken",
            "echo 'error while loading shared libraries' >&2; exit 127",
        );
        let e = tool_version(&broken).unwrap_err();
        assert!(e.contains("error while loading shared libraries"), "{e}");
        let e = tool_version(&d.join("absent").display().to_string()).unwrap_err();
        assert!(e.contains("cannot run"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
