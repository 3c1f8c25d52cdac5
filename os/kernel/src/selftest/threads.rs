//! Thread, scheduling, timer and synchronisation tests.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use super::TestResult;
use crate::check;
use crate::dev::keyboard;
use crate::sync::cond::Cond;
use crate::sync::mutex::Mutex;
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;
use crate::task::sched::{self, JoinHandle, Priority};
use crate::task::{dpc, softint, timer};
use crate::time;

fn join_all(handles: Vec<JoinHandle>, timeout_ms: u64) -> TestResult {
    for h in handles {
        check!(
            h.join_timeout(timeout_ms),
            "thread {} did not finish within {timeout_ms} ms",
            h.tid()
        );
    }
    Ok(())
}

pub fn priorities() -> TestResult {
    let me = sched::current();
    let order = Arc::new(SpinLock::new(Vec::new()));
    // Run above everything we spawn so none starts early, then step down.
    sched::set_priority(me, Priority::RealTime(15));
    let mut handles = Vec::new();
    for (name, prio) in [
        ("low", Priority::Timesharing(2)),
        ("rt", Priority::RealTime(3)),
        ("high", Priority::Timesharing(12)),
    ] {
        let o = order.clone();
        handles.push(sched::spawn(name, prio, move || o.lock().push(name))?);
    }
    check!(
        order.lock().is_empty(),
        "a lower-priority thread ran while a real-time one was runnable"
    );
    sched::set_priority(me, Priority::Timesharing(0));
    sched::preempt_point();
    let seen = order.lock().clone();
    sched::set_priority(me, Priority::NORMAL);
    join_all(handles, 1000)?;
    check!(seen == ["rt", "high", "low"], "run order {seen:?}");
    Ok(())
}

pub fn preemption() -> TestResult {
    // A spins until B has run; without time slicing B (same priority,
    // started later) would never run and A would time out.
    let b_ran = Arc::new(AtomicBool::new(false));
    let a_saw = Arc::new(AtomicBool::new(false));
    let (b1, b2, a1) = (b_ran.clone(), b_ran.clone(), a_saw.clone());
    // Both must exist before either runs: A would otherwise starve us
    // (priority 9 > 8) before we create B.
    let me = sched::current();
    sched::set_priority(me, Priority::RealTime(15));
    let a = sched::spawn("spin-a", Priority::Timesharing(9), move || {
        let start = time::uptime_ms();
        while !b1.load(Ordering::SeqCst) && time::uptime_ms() - start < 2000 {
            core::hint::spin_loop();
        }
        a1.store(b1.load(Ordering::SeqCst), Ordering::SeqCst);
    });
    let b = sched::spawn("spin-b", Priority::Timesharing(9), move || {
        b2.store(true, Ordering::SeqCst)
    });
    sched::set_priority(me, Priority::NORMAL);
    let (a, b) = (a?, b?);
    join_all(Vec::from([a, b]), 3000)?;
    check!(
        a_saw.load(Ordering::SeqCst),
        "the spinning thread was never preempted"
    );
    let (_, switches) = sched::stats();
    check!(switches > 0, "no context switches counted");
    Ok(())
}

pub fn sse_state() -> TestResult {
    let ok = Arc::new(AtomicU32::new(0));
    let mut handles = Vec::new();
    for k in 1..=3u32 {
        let ok = ok.clone();
        handles.push(sched::spawn("sse", Priority::NORMAL, move || {
            let step = f64::from(k) * 0.5;
            let mut acc = 0.0f64;
            for i in 0..200 {
                acc += step;
                if i % 20 == 0 {
                    sched::yield_now();
                }
            }
            // Exact in binary floating point: 200 * k/2.
            if core::hint::black_box(acc) == 100.0 * f64::from(k) {
                ok.fetch_add(1, Ordering::SeqCst);
            }
        })?);
    }
    join_all(handles, 2000)?;
    check!(
        ok.load(Ordering::SeqCst) == 3,
        "floating point state was corrupted by switches"
    );
    Ok(())
}

pub fn sleep_and_timed_calls() -> TestResult {
    let t0 = time::uptime_ms();
    sched::sleep_ms(50);
    let slept = time::uptime_ms() - t0;
    check!((50..1000).contains(&slept), "sleep_ms(50) took {slept} ms");

    let fired = Arc::new(Semaphore::new(0));
    let at = Arc::new(AtomicU64::new(0));
    let (f, a) = (fired.clone(), at.clone());
    let start = time::uptime_ms();
    timer::call_after(30, move || {
        a.store(time::uptime_ms(), Ordering::SeqCst);
        f.release();
    });
    let cancelled = Arc::new(AtomicBool::new(false));
    let c = cancelled.clone();
    let victim = timer::call_after(20, move || c.store(true, Ordering::SeqCst));
    check!(timer::cancel(victim), "cancel of a pending call failed");
    check!(!timer::cancel(victim), "second cancel succeeded");
    check!(fired.acquire_timeout(1000), "timed call did not run");
    let delay = at.load(Ordering::SeqCst) - start;
    check!(
        (30..1000).contains(&delay),
        "timed call ran after {delay} ms"
    );
    sched::sleep_ms(40);
    check!(
        !cancelled.load(Ordering::SeqCst),
        "cancelled timed call ran"
    );
    Ok(())
}

pub fn spinlock() -> TestResult {
    let lock = SpinLock::new(0u32);
    {
        let _g = lock.lock();
        check!(
            !crate::arch::cpu::irq_enabled(),
            "interrupts enabled while holding a spinlock"
        );
        check!(
            lock.try_lock().is_none(),
            "try_lock of a held lock succeeded"
        );
    }
    check!(crate::arch::cpu::irq_enabled(), "interrupts not restored");
    // Ticks stop while interrupts are off and resume afterwards.
    let t0 = time::ticks();
    {
        let _g = lock.lock();
        let spin_until = t0;
        let mut n = 0u64;
        while n < 2_000_000 {
            n += 1;
            core::hint::spin_loop();
        }
        check!(
            time::ticks() == spin_until,
            "timer ticked with interrupts disabled"
        );
    }
    sched::sleep_ms(2);
    check!(
        time::ticks() > t0,
        "timer did not tick after the lock was released"
    );
    Ok(())
}

pub fn mutex() -> TestResult {
    let m = Arc::new(Mutex::new(0u64));
    let mut handles = Vec::new();
    for i in 0..4u8 {
        let m = m.clone();
        handles.push(sched::spawn(
            "mutex",
            Priority::Timesharing(6 + i),
            move || {
                for k in 0..500 {
                    let mut g = m.lock();
                    let v = *g;
                    if k % 50 == 0 {
                        sched::yield_now(); // let others find the mutex held
                    }
                    *g = v + 1;
                }
            },
        )?);
    }
    join_all(handles, 5000)?;
    check!(*m.lock() == 2000, "lost updates: {}", *m.lock());
    check!(m.try_lock().is_some(), "mutex still held");
    Ok(())
}

pub fn cond() -> TestResult {
    let pair = Arc::new((Mutex::new(false), Cond::new()));
    let t0 = time::uptime_ms();
    let (g, timed_out) = pair.1.wait_timeout(pair.0.lock(), 30);
    drop(g);
    let waited = time::uptime_ms() - t0;
    check!(
        timed_out && waited >= 30,
        "wait_timeout returned after {waited} ms, timed_out={timed_out}"
    );

    let p = pair.clone();
    let waiter = sched::spawn("cond-wait", Priority::NORMAL, move || {
        let mut g = p.0.lock();
        while !*g {
            g = p.1.wait(g);
        }
    })?;
    sched::sleep_ms(10);
    *pair.0.lock() = true;
    pair.1.signal();
    check!(waiter.join_timeout(1000), "signalled waiter did not wake");

    let woken = Arc::new(AtomicU32::new(0));
    let mut handles = Vec::new();
    for _ in 0..3 {
        let (p, w) = (pair.clone(), woken.clone());
        handles.push(sched::spawn("cond-bcast", Priority::NORMAL, move || {
            let g = p.0.lock();
            let (_g, to) = p.1.wait_timeout(g, 3000);
            if !to {
                w.fetch_add(1, Ordering::SeqCst);
            }
        })?);
    }
    sched::sleep_ms(20);
    pair.1.broadcast();
    join_all(handles, 4000)?;
    check!(
        woken.load(Ordering::SeqCst) == 3,
        "broadcast woke {} of 3",
        woken.load(Ordering::SeqCst)
    );
    Ok(())
}

pub fn semaphore() -> TestResult {
    let s = Arc::new(Semaphore::new(2));
    check!(
        s.try_acquire() && s.try_acquire() && !s.try_acquire(),
        "initial count wrong"
    );
    let t0 = time::uptime_ms();
    check!(
        !s.acquire_timeout(20),
        "acquire on an empty semaphore succeeded"
    );
    check!(
        time::uptime_ms() - t0 >= 20,
        "acquire_timeout returned early"
    );
    let got = Arc::new(AtomicU32::new(0));
    let mut handles = Vec::new();
    for _ in 0..5 {
        let (s, g) = (s.clone(), got.clone());
        handles.push(sched::spawn("sema", Priority::NORMAL, move || {
            if s.acquire_timeout(3000) {
                g.fetch_add(1, Ordering::SeqCst);
            }
        })?);
    }
    sched::sleep_ms(10);
    for _ in 0..5 {
        s.release();
    }
    join_all(handles, 4000)?;
    check!(
        got.load(Ordering::SeqCst) == 5,
        "{} of 5 waiters got a unit",
        got.load(Ordering::SeqCst)
    );
    check!(s.count() == 0, "units created from nothing: {}", s.count());
    Ok(())
}

static SOFTINT_SEEN: Semaphore = Semaphore::new(0);

pub fn softint_and_dpc() -> TestResult {
    softint::register(softint::Softint::User, || SOFTINT_SEEN.release());
    softint::raise(softint::Softint::User);
    check!(
        SOFTINT_SEEN.acquire_timeout(1000),
        "soft interrupt handler did not run"
    );

    let order = Arc::new(SpinLock::new(Vec::new()));
    let done = Arc::new(Semaphore::new(0));
    let before = dpc::completed();
    for i in 0..100u32 {
        let (o, d) = (order.clone(), done.clone());
        dpc::queue(move || {
            o.lock().push(i);
            if i == 99 {
                d.release();
            }
        });
    }
    check!(done.acquire_timeout(2000), "DPCs did not all run");
    let seen = order.lock().clone();
    check!(
        seen == (0..100).collect::<Vec<_>>(),
        "DPCs ran out of order"
    );
    check!(
        dpc::completed() >= before + 99,
        "DPC counter did not advance (the last DPC may still be finishing, so 99 of 100)"
    );
    Ok(())
}

pub fn keyboard() -> TestResult {
    while keyboard::read_byte(0).is_some() {}
    // Shift down, 'h', shift up, 'i', release codes: arrives as "Hi" through IRQ 1,
    // whose handler releases the input semaphore from interrupt context.
    for code in [0x2a, 0x23, 0xa3, 0xaa, 0x17, 0x97] {
        check!(keyboard::inject_scancode(code), "keyboard controller busy");
    }
    let a = keyboard::read_byte(1000);
    let b = keyboard::read_byte(1000);
    check!(a == Some(b'H') && b == Some(b'i'), "read {a:?} {b:?}");
    check!(keyboard::read_byte(20).is_none(), "unexpected extra input");
    Ok(())
}
