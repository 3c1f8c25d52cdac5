//! A tiny interactive console on the serial line and keyboard, so that
//! `cargo xtask qemu` can be poked at: `help` lists the commands.

use alloc::string::String;

use crate::dev::keyboard;
use crate::{kprint, kprintln, mm, task, time};

fn execute(line: &str) {
    match line.trim() {
        "" => {}
        "help" => kprintln!("commands: help, mem, threads, uptime, panic, exit"),
        "mem" => {
            let p = mm::phys::stats();
            let h = mm::heap::stats();
            let (vfree, vranges) = mm::vspace::stats();
            kprintln!(
                "frames: {} free of {} ({} MiB free)",
                p.free,
                p.total,
                (p.free * 4096) >> 20
            );
            kprintln!(
                "heap: {} KiB mapped, {} bytes used, {} bytes in {} holes",
                h.mapped >> 10,
                h.used,
                h.free,
                h.holes
            );
            kprintln!(
                "kernel virtual space: {} GiB free in {} ranges",
                vfree >> 30,
                vranges
            );
        }
        "threads" => {
            let (n, switches) = task::sched::stats();
            kprintln!("{n} threads, {switches} context switches");
        }
        "uptime" => kprintln!("{} ms", time::uptime_ms()),
        "panic" => panic!("requested from the console"),
        "exit" => crate::arch::cpu::exit_qemu(crate::arch::cpu::ExitCode::Success),
        other => kprintln!("unknown command {other:?}; try help"),
    }
}

/// Reads lines and runs them, forever.
pub fn run() -> ! {
    kprintln!("Phantom kernel console; type 'help'");
    let mut line = String::new();
    kprint!("> ");
    loop {
        let Some(b) = keyboard::read_byte(60_000) else {
            continue;
        };
        match b {
            b'\n' => {
                kprintln!("");
                execute(&line);
                line.clear();
                kprint!("> ");
            }
            0x08 | 0x7f if line.pop().is_some() => {
                kprint!("\x08 \x08");
            }
            b if b.is_ascii() && !b.is_ascii_control() => {
                line.push(b as char);
                kprint!("{}", b as char);
            }
            _ => {}
        }
    }
}
