//! Thread state in the object memory, for snapshots and restarts.
//!
//! While a thread runs, its frames and stacks live in vectors outside the
//! object memory (that keeps the interpreter fast). At a snapshot, with
//! every thread stopped at a safepoint, [`Vm::save_threads`] writes each
//! thread's state into objects hanging off its `.internal.thread` object;
//! after a restart [`Vm::restore_threads`] rebuilds the threads from them,
//! so that each one goes on at the instruction where the snapshot caught it.
//!
//! The state of one thread is a page of two objects:
//!
//! * a page of references: the object stack, then each frame's receiver,
//!   then each frame's defining class, then each catcher's class;
//! * a binary of 32-bit little-endian words: `VERSION`, frame count, object
//!   stack depth, integer stack depth, catcher count, the two scratch words
//!   of a native in progress (lo, hi each), the host clock when saved (lo,
//!   hi); per frame its method ordinal, pc, object-stack base, integer-stack
//!   base and catcher base; the integer stack; per catcher its target,
//!   object-stack depth and integer-stack depth.
//!
//! A frame names its method by (defining class, ordinal), which survives a
//! restart, rather than by this process's method index.

use alloc::vec::Vec;

use crate::heap::Ref;
use crate::object::{sys, thread as T, INTERNAL};
use crate::thread::{Catcher, Frame, Thread};
use crate::vm::{root, Callee, Vm};

const VERSION: u32 = 1;
const HEADER: usize = 9;

/// Why a saved thread could not be restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreError(pub alloc::string::String);

impl Vm {
    /// Writes the state of every thread into the object memory. Call at a
    /// safepoint: no thread may be taken out of the table.
    pub fn save_threads(&mut self) -> Result<(), Ref> {
        for i in 0..self.threads.len() {
            let Some(th) = self.threads[i].take() else {
                continue;
            };
            let r = self.save_thread(&th);
            self.threads[i] = Some(th);
            r?;
        }
        Ok(())
    }

    fn save_thread(&mut self, th: &Thread) -> Result<(), Ref> {
        if th.obj.is_null() {
            return Ok(());
        }
        let page_cls = self.internal[sys::PAGE];
        let nrefs = th.os.len() + 2 * th.frames.len() + th.es.len();
        let refs = self
            .heap
            .alloc(page_cls, 0, nrefs as u32)
            .map_err(|_| self.oom())?;
        let mut k = 0u32;
        let mut put = |vm: &mut Vm, r: Ref| {
            vm.heap.inc(r);
            vm.heap.set(refs, k, r.0);
            k += 1;
        };
        for &r in &th.os {
            put(self, r);
        }
        for f in &th.frames {
            put(self, f.this);
        }
        for f in &th.frames {
            let c = self.methods[f.method as usize].class;
            put(self, c);
        }
        for c in &th.es {
            put(self, c.class);
        }
        let now = self.host.now_ms();
        let mut w: Vec<u32> =
            Vec::with_capacity(HEADER + 5 * th.frames.len() + th.is.len() + 3 * th.es.len());
        w.extend_from_slice(&[
            VERSION,
            th.frames.len() as u32,
            th.os.len() as u32,
            th.is.len() as u32,
            th.es.len() as u32,
        ]);
        for v in [th.native[0], th.native[1], now] {
            w.push(v as u32);
            w.push((v >> 32) as u32);
        }
        for f in &th.frames {
            let m = &self.methods[f.method as usize];
            w.extend_from_slice(&[m.ordinal, f.pc, f.os_base, f.is_base, f.es_base]);
        }
        w.extend_from_slice(&th.is);
        for c in &th.es {
            w.extend_from_slice(&[c.target, c.os, c.is]);
        }
        let bytes: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
        let bin = match self.heap.new_bytes(
            self.internal[sys::BINARY],
            INTERNAL[sys::BINARY].flags,
            &bytes,
        ) {
            Ok(b) => b,
            Err(_) => {
                self.heap.dec(refs);
                return Err(self.oom());
            }
        };
        let state = match self.heap.alloc(page_cls, 0, 2) {
            Ok(s) => s,
            Err(_) => {
                self.heap.dec(refs);
                self.heap.dec(bin);
                return Err(self.oom());
            }
        };
        self.heap.set(state, 0, refs.0);
        self.heap.set(state, 1, bin.0);
        self.heap.set(th.obj, T::ID, th.id);
        self.heap.put_ref(th.obj, T::STATE, state);
        Ok(())
    }

    /// Rebuilds every thread saved in the object memory (after a restart)
    /// and queues it to run. Threads whose state cannot be used are
    /// reported and dropped from the thread list.
    pub fn restore_threads(&mut self) -> Vec<(u32, RestoreError)> {
        let list = self.heap.get_ref(self.root, root::THREADS);
        let mut errors = Vec::new();
        let mut keep = Vec::new();
        for i in 0..self.array_len(list) {
            let tobj = self.array_get(list, i);
            if tobj.is_null() {
                continue;
            }
            let id = self.heap.get(tobj, T::ID);
            match self.restore_thread(tobj, id) {
                Ok(th) => {
                    let id = th.id as usize;
                    if self.threads.len() <= id {
                        self.threads.resize_with(id + 1, || None);
                    }
                    self.threads[id] = Some(alloc::boxed::Box::new(th));
                    self.new_threads.push(id as u32);
                    keep.push(tobj);
                }
                Err(e) => errors.push((id, e)),
            }
            self.heap.put_ref(tobj, T::STATE, Ref::NULL);
        }
        // The list keeps only the threads that go on.
        let fresh = match self.new_array() {
            Ok(a) => a,
            Err(_) => return errors,
        };
        for (i, t) in keep.into_iter().enumerate() {
            self.heap.inc(t);
            let _ = self.array_set(fresh, i as u32, t);
        }
        let root = self.root;
        self.heap.put_ref(root, root::THREADS, fresh);
        errors
    }

    fn restore_thread(&mut self, tobj: Ref, id: u32) -> Result<Thread, RestoreError> {
        let bad = |m: &str| RestoreError(alloc::format!("thread {id}: {m}"));
        let state = self.heap.get_ref(tobj, T::STATE);
        if state.is_null() || self.heap.size(state) < 2 {
            return Err(bad("no saved state"));
        }
        let refs = self.heap.get_ref(state, 0);
        let bin = self.heap.get_ref(state, 1);
        if refs.is_null() || bin.is_null() || self.sys_of(bin) != Some(sys::BINARY) {
            return Err(bad("damaged state objects"));
        }
        let bytes = self.heap.bytes(bin);
        let w: Vec<u32> = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        // The header plus the save-time clock (two words).
        if w.len() < HEADER + 2 || w[0] != VERSION {
            return Err(bad("unknown state format"));
        }
        let (nf, nos, nis, nes) = (w[1] as usize, w[2] as usize, w[3] as usize, w[4] as usize);
        let word64 = |i: usize| u64::from(w[i]) | (u64::from(w[i + 1]) << 32);
        let native = [word64(5), word64(7)];
        let saved_now = word64(9);
        let need = HEADER + 2 + 5 * nf + nis + 3 * nes;
        if w.len() < need || (self.heap.size(refs) as usize) < nos + 2 * nf + nes {
            return Err(bad("truncated state"));
        }
        let mut th = Thread::new(id, tobj);
        let r = |vm: &Vm, k: usize| vm.heap.get_ref(refs, k as u32);
        let mut at = HEADER + 2;
        for fi in 0..nf {
            let (ord, pc, osb, isb, esb) = (w[at], w[at + 1], w[at + 2], w[at + 3], w[at + 4]);
            at += 5;
            let cls = r(self, nos + nf + fi);
            if cls.is_null() {
                return Err(bad("a frame has no class"));
            }
            let mi = match self.method_of(cls, ord) {
                Callee::Code(mi) => mi,
                _ => {
                    return Err(bad(&alloc::format!(
                        "method {ord} of {} is gone",
                        self.heap.class_name(cls)
                    )))
                }
            };
            let n = self.methods[mi as usize].insns.len() as u32;
            if pc >= n || osb as usize > nos || isb as usize > nis || esb as usize > nes {
                return Err(bad("a frame is out of range"));
            }
            th.frames.push(Frame {
                method: mi,
                this: r(self, nos + fi),
                pc,
                os_base: osb,
                is_base: isb,
                es_base: esb,
            });
        }
        th.is.extend_from_slice(&w[at..at + nis]);
        at += nis;
        for ci in 0..nes {
            // The catcher belongs to the innermost frame whose catchers
            // start at or below it; its target must be in that method.
            let owner = th.frames.iter().rev().find(|f| f.es_base as usize <= ci);
            let len = owner.map_or(0, |f| self.methods[f.method as usize].insns.len());
            if w[at] as usize >= len {
                return Err(bad("a catcher target is out of range"));
            }
            th.es.push(Catcher {
                class: r(self, nos + 2 * nf + ci),
                target: w[at],
                os: w[at + 1],
                is: w[at + 2],
            });
            at += 3;
        }
        th.os.extend((0..nos).map(|k| r(self, k)));
        // The counts the saving process's thread held on its stack
        // entries, receivers, catcher classes and thread object are in the
        // memory: they become this thread's. (The state's own counts go
        // when the state is dropped.)
        // A deadline of the old process becomes the same remaining time now.
        th.native = native;
        if native[1] != 0 {
            let left = native[1].saturating_sub(saved_now);
            th.native[1] = self.host.now_ms() + left;
        }
        Ok(th)
    }

    /// Takes an ended thread out of the persistent thread list.
    pub fn thread_ended(&mut self, tobj: Ref) {
        let list = self.heap.get_ref(self.root, root::THREADS);
        let n = self.array_len(list);
        if let Some(i) = (0..n).find(|&i| self.array_get(list, i) == tobj) {
            let last = self.array_get(list, n - 1);
            self.heap.inc(last);
            let _ = self.array_set(list, i, last);
            let page = self.heap.get_ref(list, 0);
            self.heap.put_ref(page, n - 1, Ref::NULL);
            self.heap.set(list, 1, n - 1);
        }
    }
}
