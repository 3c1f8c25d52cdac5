//! Programs the VM fuzzers (`os/vm/fuzz`, see `docs/fuzzing.md`) found to
//! crash the VM, reduced by hand. Each must now run to an ordinary end.

mod support;

use ir::code::{Label, Op, Summon};
use ir::types::NumKind;
use phantom_vm::{Exit, Ref};
use support::{class_file, run, End, M};

/// A catcher pushed at one depth, the stack popped below it, then a throw:
/// the catch used to drain the object stack from past its end.
#[test]
fn catch_after_the_stack_shrank_below_the_catcher() {
    let l = Label(0);
    let main = class_file(
        ".t.catch",
        0,
        &[],
        vec![M::ops(
            8,
            "main",
            &[
                Op::ArgCount(1),
                Op::SummonClass(Summon::StringClass),
                Op::PushCatcher(l),
                Op::OsDrop,
                Op::IConst(NumKind::Int, 7),
                Op::SConst(b"boom".to_vec()),
                Op::Throw,
                Op::Label(l),
                // The exception on top of the boot slot, which was
                // dropped and comes back as null.
                Op::OsIsNull,
                Op::Jz(Label(1)),
                Op::SConst(b"the exception is null".to_vec()),
                Op::Throw,
                Op::Label(Label(1)),
                Op::OsIsNull,
                Op::Jz(Label(2)),
                Op::Ret,
                Op::Label(Label(2)),
                Op::SConst(b"the dropped slot is not null".to_vec()),
                Op::Throw,
            ],
        )],
    );
    assert_eq!(run(&main, &[]).0, End::Done);
}

/// A method whose `S` record declares two arguments but that has no
/// `arg_count`, called with none: it was verified as if its two argument
/// slots were on the stack.
#[test]
fn call_with_fewer_arguments_than_declared() {
    let main = class_file(
        ".t.args",
        0,
        &[],
        vec![
            M::ops(
                8,
                "main",
                &[
                    Op::ArgCount(1),
                    Op::SummonThis,
                    Op::Call { ord: 9, nargs: 0 },
                    Op::OsDrop,
                    Op::Ret,
                ],
            ),
            M::ops(9, "two", &[Op::OsGet(1), Op::Ret]).args(2),
        ],
    );
    match run(&main, &[]).0 {
        End::Threw(t) => assert!(t.contains("arg count"), "{t}"),
        e => panic!("{e:?}"),
    }
}

/// `sys` takes its argument count from the integer stack; a count other
/// than the method's reached into the caller's frame.
#[test]
fn sys_with_a_count_other_than_the_methods() {
    let main = class_file(
        ".t.sys",
        0,
        &[],
        vec![
            M::ops(
                8,
                "main",
                &[
                    Op::ArgCount(1),
                    Op::SConst(b"a".to_vec()),
                    Op::SConst(b"b".to_vec()),
                    Op::SummonThis,
                    Op::Call { ord: 9, nargs: 0 },
                    Op::OsDrop,
                    Op::OsGet(2),
                    Op::OsDrop,
                    Op::Ret,
                ],
            ),
            // sys 5 (toString) "with three arguments".
            M::ops(
                9,
                "sys",
                &[
                    Op::ArgCount(0),
                    Op::IConst(NumKind::Int, 3),
                    Op::Sys(5),
                    Op::Ret,
                ],
            ),
        ],
    );
    match run(&main, &[]).0 {
        End::Threw(t) => assert!(t.contains("sys 5"), "{t}"),
        e => panic!("{e:?}"),
    }
}

/// A loop whose only way back is a catch (the catcher's target is above
/// the throw) made no calls or backward jumps, so it never used up its
/// time slice: `run` did not return until the loop ended, or never.
#[test]
fn a_loop_through_a_catcher_uses_up_its_time_slice() {
    let (l, done) = (Label(0), Label(1));
    let main = class_file(
        ".t.catchloop",
        0,
        &[],
        vec![M::ops(
            8,
            "main",
            &[
                Op::ArgCount(1),
                Op::IConst(NumKind::Int, 100_000),
                // The slot the exception arrives in.
                Op::SummonNull,
                Op::Label(l),
                Op::OsDrop,
                Op::IsGet(NumKind::Int, 0),
                Op::IConst(NumKind::Int, 1),
                Op::Arith(NumKind::Int, ir::code::ArithOp::SubLu),
                Op::IsSet(NumKind::Int, 0),
                Op::IsGet(NumKind::Int, 0),
                Op::Jz(done),
                Op::SummonClass(Summon::ByName(".internal.object".into())),
                Op::PushCatcher(l),
                Op::SConst(b"again".to_vec()),
                Op::Throw,
                Op::Label(done),
                Op::Ret,
            ],
        )],
    );
    let (mut vm, _) = support::vm(1 << 18, Default::default());
    let cls = vm.define_class(&main).unwrap();
    let obj = vm.new_instance(cls).unwrap();
    let id = vm.spawn(obj, 8, &[Ref::NULL]).unwrap() as usize;
    let mut th = vm.threads[id].take().unwrap();
    let mut slices = 0;
    loop {
        match vm.run(&mut th, 1000) {
            Exit::Budget => slices += 1,
            Exit::Done => break,
            e => panic!("{e:?}"),
        }
    }
    assert!(slices >= 99, "100,000 catches in {slices} slices of 1,000");
}
