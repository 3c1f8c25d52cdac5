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

/// Installs Debian packages for the tools in `needed` ((tool, package)) that are missing.
pub fn ensure_tools(needed: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = needed
        .iter()
        .filter(|(tool, _)| !on_path(tool))
        .map(|(_, pkg)| *pkg)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!(
        "installing missing Debian packages: {}",
        missing.join(" ")
    ));
    let sudo = if is_root() {
        None
    } else if on_path("sudo") {
        Some("sudo")
    } else {
        bail!("need root (or sudo) to install {}", missing.join(" "));
    };
    let apt = |args: &[&str]| -> Command {
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
    };
    run(&mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y", "--no-install-recommends"]);
    install.args(&missing);
    run(&mut install)?;
    for (tool, pkg) in needed {
        if !on_path(tool) {
            bail!("package {pkg} installed but {tool} is still not on PATH");
        }
    }
    Ok(())
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
