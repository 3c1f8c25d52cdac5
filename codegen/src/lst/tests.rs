//! `.lst` rendering: the `listings.md` §1 example and every node text.

use ir::class::{Class, ClassInfo, Method, MethodSig};
use ir::code::{ArithOp, Summon};
use ir::tree::{Local, Node, NodeKind, Place, SwitchItem, Target};
use ir::types::{NumKind, Type};

use super::*;
use crate::fixture;

#[test]
fn listings_md_example() {
    let want = r#"Class .demo.counter
  Field total
  C'tor  void <init>(  ):
    empty : void

  Method void print( s: string ):
  -- No code!

  Method int add( n: int ):
    ,  : void
      ,  : void
        ,  : void
          void  : void
            = : void
              ident i : int
              int const "0" : int const
          do-while : void
            < : int
              ident i : int
              ident n : int
            ,  : void
              void  : void
                = : void
                  ident total : int
                  + : int
                    ident total : int
                    int const "1" : int const
              void  : void
                = : void
                  ident i : int
                  + : int
                    ident i : int
                    int const "1" : int const
        void  : void
          . : void
            this  : .demo.counter
            Method print : void
            arg  : unknown
              string pool const id="0" : string const
      return : void
        ident total : int

"#;
    assert_eq!(render(&fixture::counter()), want);
}

fn nd(kind: NodeKind, ty: Type) -> Node {
    Node::new(kind, ty, 1)
}

fn one_method(body: Node) -> String {
    let class = Class {
        info: ClassInfo {
            name: ".t".into(),
            parent: ".internal.object".into(),
            n_fields: 0,
            n_methods: 17,
            fields: vec![],
            methods: vec![],
        },
        methods: vec![Method {
            sig: MethodSig {
                name: "m".into(),
                ordinal: 16,
                is_ctor: false,
                ret: Type::Unknown,
                args: vec![
                    ir::Arg {
                        name: "a".into(),
                        ty: Type::array_of(Type::INT),
                    },
                    ir::Arg {
                        name: "b".into(),
                        ty: Type::Unknown,
                    },
                ],
            },
            obj_slots: 2,
            int_slots: 0,
            body: Some(body),
        }],
        consts: vec![],
        source: String::new(),
    };
    let text = render(&class);
    let head = "Class .t\n  Method unknown m( a: int[], b: unknown ):\n";
    assert!(text.starts_with(head), "{text}");
    assert!(text.ends_with("\n\n"));
    text[head.len()..text.len() - 1].to_string()
}

fn b(n: Node) -> Box<Node> {
    Box::new(n)
}

fn int(v: i32) -> Node {
    nd(NodeKind::IntConst(v), Type::INT)
}

fn obj() -> Type {
    Type::object()
}

fn null() -> Node {
    nd(NodeKind::Null, obj())
}

#[test]
fn statement_texts() {
    let v = Type::Void;
    let x = Local {
        name: "x".into(),
        slot: 2,
        place: Place::Obj,
    };
    let body = nd(
        NodeKind::Seq(vec![
            nd(
                NodeKind::If {
                    cond: b(int(1)),
                    then: b(nd(NodeKind::Break, v.clone())),
                    els: Some(b(nd(NodeKind::Continue, v.clone()))),
                },
                v.clone(),
            ),
            nd(
                NodeKind::DoWhile {
                    body: b(nd(NodeKind::Seq(vec![]), v.clone())),
                    cond: b(int(0)),
                    tail: None,
                },
                v.clone(),
            ),
            nd(
                NodeKind::Foreach {
                    var: x.clone(),
                    array: b(null()),
                    array_slot: 3,
                    index_slot: 0,
                    body: b(nd(NodeKind::Seq(vec![]), v.clone())),
                },
                v.clone(),
            ),
            nd(
                NodeKind::Switch {
                    value: b(int(2)),
                    items: vec![
                        SwitchItem::Case(int(2)),
                        SwitchItem::Default,
                        SwitchItem::Stmt(nd(NodeKind::Break, v.clone())),
                    ],
                },
                v.clone(),
            ),
            nd(
                NodeKind::Try {
                    body: b(nd(NodeKind::Throw(b(null())), v.clone())),
                    class: Summon::StringClass,
                    var: x,
                    handler: b(nd(NodeKind::Return(None), v.clone())),
                },
                v.clone(),
            ),
        ]),
        v,
    );
    let want = r#"    ,  : void
      ,  : void
        ,  : void
          ,  : void
            if : void
              int const "1" : int const
              break : void
              continue : void
            do-while : void
              empty : void
              int const "0" : int const
          foreach x : void
            null : .internal.object const
            empty : void
        switch  : void
          int const "2" : int const
          case  : void
            int const "2" : int const
          default  : void
          break : void
      catch : void
        throw  : void
          null : .internal.object const
        return : void
"#;
    assert_eq!(one_method(body), want);
}

#[test]
fn expression_texts() {
    let v = Type::Void;
    let s = Type::String;
    let c = Type::Class(".c".into());
    let k = Local {
        name: "k".into(),
        slot: 0,
        place: Place::Int(NumKind::Long),
    };
    let discard = |e: Node| nd(NodeKind::Discard(b(e)), Type::Void);
    let body = nd(
        NodeKind::Seq(vec![
            discard(nd(
                NodeKind::Assign {
                    target: Target::Field {
                        name: "f".into(),
                        ordinal: 0,
                    },
                    value: b(nd(
                        NodeKind::StrConst {
                            id: 4,
                            bytes: vec![],
                        },
                        s.clone(),
                    )),
                    keep: true,
                },
                s.clone(),
            )),
            nd(
                NodeKind::IndexSet {
                    array: b(nd(
                        NodeKind::GetField {
                            name: "f".into(),
                            ordinal: 0,
                        },
                        s.clone(),
                    )),
                    index: b(nd(NodeKind::Box(NumKind::Int, b(int(-5))), Type::INT)),
                    value: b(nd(NodeKind::BinConst(vec![1, 2, 3]), s.clone())),
                    keep: false,
                },
                v.clone(),
            ),
            discard(nd(
                NodeKind::Arith {
                    op: ArithOp::LogNot,
                    kind: NumKind::Int,
                    lhs: b(nd(
                        NodeKind::NumEq {
                            kind: NumKind::Long,
                            lhs: b(nd(NodeKind::GetLocal(k.clone()), Type::Num(NumKind::Long))),
                            rhs: b(nd(
                                NodeKind::Convert {
                                    from: NumKind::Int,
                                    to: NumKind::Long,
                                    value: b(int(1)),
                                },
                                Type::Num(NumKind::Long),
                            )),
                            negate: true,
                            temps: 2,
                        },
                        Type::INT,
                    )),
                    rhs: None,
                },
                Type::INT,
            )),
            discard(nd(
                NodeKind::RefCmp {
                    lhs: b(nd(NodeKind::This, c.clone())),
                    rhs: b(null()),
                    eq: false,
                },
                Type::INT,
            )),
            discard(nd(
                NodeKind::Call {
                    receiver: b(nd(
                        NodeKind::Cast {
                            class: Summon::ByName(".c".into()),
                            value: b(null()),
                        },
                        c.clone(),
                    )),
                    name: None,
                    ordinal: 33,
                    args: vec![null(), int(7)],
                },
                obj(),
            )),
            nd(
                NodeKind::StaticCall {
                    class: Summon::ByName(".p".into()),
                    class_name: ".p".into(),
                    ordinal: 16,
                    args: vec![],
                },
                v.clone(),
            ),
            discard(nd(
                NodeKind::New {
                    class: Summon::ByName(".c".into()),
                    ctor: Some(17),
                    args: vec![int(1)],
                },
                c.clone(),
            )),
            discard(nd(
                NodeKind::NewDynamic(b(nd(
                    NodeKind::Index {
                        array: b(nd(
                            NodeKind::ObjEquals {
                                lhs: b(null()),
                                rhs: b(null()),
                                negate: false,
                            },
                            Type::INT,
                        )),
                        index: b(int(0)),
                    },
                    obj(),
                ))),
                c,
            )),
        ]),
        v,
    );
    let want = r#"    ,  : void
      ,  : void
        ,  : void
          ,  : void
            ,  : void
              ,  : void
                ,  : void
                  void  : void
                    = : string
                      ident f : string
                      string pool const id="4" : string const
                  void  : void
                    = : void
                      [] : string
                        ident f : string
                        int const "-5" : int const
                      binary const, "3" bytes : string const
                void  : void
                  bool not : int
                    != : int
                      ident k : long
                      (cast) : long
                        int const "1" : int const
              void  : void
                :!= : int
                  this  : .c
                  null : .internal.object const
            void  : void
              . : .internal.object
                (cast) : .c
                  null : .internal.object const
                Method (no. 33) : void
                arg  : unknown
                  null : .internal.object const
                arg  : unknown
                  int const "7" : int const
          .static_call.16 in .p : void
        void  : void
          new .c : .c
            arg  : unknown
              int const "1" : int const
      void  : void
        new (dynamic type)[.c] : .c
          [] : .internal.object
            == : int
              null : .internal.object const
              null : .internal.object const
            int const "0" : int const
"#;
    assert_eq!(one_method(body), want);
}

#[test]
fn dynamic_call_text() {
    let call = nd(
        NodeKind::DynamicCall {
            receiver: b(nd(NodeKind::This, Type::Class(".t".into()))),
            name: b(nd(
                NodeKind::StrConst {
                    id: 0,
                    bytes: b"run".to_vec(),
                },
                Type::String,
            )),
            args: vec![int(2)],
        },
        Type::Unknown,
    );
    let want = r#"    void  : void
      . : unknown
        this  : .t
        Method (dynamic name) : void
          string pool const id="0" : string const
        arg  : unknown
          int const "2" : int const
"#;
    assert_eq!(one_method(nd(NodeKind::Discard(b(call)), Type::Void)), want);
}

#[test]
fn deep_trees_are_cut_off() {
    let mut n = int(0);
    for _ in 0..MAX_DEPTH + 5 {
        n = nd(
            NodeKind::Arith {
                op: ArithOp::Not,
                kind: NumKind::Int,
                lhs: b(n),
                rhs: None,
            },
            Type::INT,
        );
    }
    let text = one_method(nd(NodeKind::Discard(b(n)), Type::Void));
    let lines: Vec<&str> = text.lines().collect();
    // `void`, then MAX_DEPTH - 1 `~` nodes, then the marker.
    assert_eq!(lines.len(), MAX_DEPTH + 1);
    assert_eq!(lines[MAX_DEPTH].trim(), "...");
    assert_eq!(lines[1].trim(), "~ : int");
}
