//! Parsing a file: tokens to [`ast::Unit`], every syntax error reported.

use diag::Diagnostic;
use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast;
use crate::grammar::UnitParser;
use crate::lexer::{self, LexError, Tok};

/// Parses a whole source file. Always returns a tree (with error nodes where
/// parsing failed) and the diagnostics found on the way.
pub fn parse(src: &str) -> (ast::Unit, Vec<Diagnostic>) {
    let (tokens, lex_errors) = lexer::lex(src);
    // An unterminated comment or string swallows the rest of the file; the
    // parser's "unexpected end of file" would only repeat that.
    let runs_to_eof = lex_errors.iter().any(|(e, _)| {
        matches!(
            e,
            LexError::UnterminatedComment | LexError::UnterminatedString
        )
    });
    let eof_error = |e: &ParseError<usize, Tok, LexError>| {
        runs_to_eof && matches!(e, ParseError::UnrecognizedEof { .. })
    };
    let mut diags: Vec<Diagnostic> = lex_errors
        .into_iter()
        .map(|(e, span)| lex_diag(&e, span))
        .collect();
    let mut recovered: Vec<ErrorRecovery<usize, Tok, LexError>> = Vec::new();
    let mut deep: Vec<ast::Span> = Vec::new();
    let result = UnitParser::new().parse(&mut recovered, &mut deep, tokens);
    for r in recovered.into_iter().filter(|r| !eof_error(&r.error)) {
        diags.push(syntax_diag(r.error, src.len()));
    }
    diags.extend(too_deep(deep));
    let unit = match result {
        Ok(u) => u,
        Err(e) => {
            if !eof_error(&e) {
                diags.push(syntax_diag(e, src.len()));
            }
            ast::Unit { items: Vec::new() }
        }
    };
    diags.sort_by_key(|d| d.span().start);
    (unit, diags)
}

/// One E0103 per region that nests too deeply. Where a chain is deeper than
/// twice the limit, each cut-off part was reported by the parser with a span
/// inside the next one; only the outermost is kept.
fn too_deep(mut spans: Vec<ast::Span>) -> Vec<Diagnostic> {
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut outer: Vec<ast::Span> = Vec::new();
    for s in spans {
        if !outer.iter().any(|o| o.start <= s.start && s.end <= o.end) {
            outer.push(s);
        }
    }
    outer
        .into_iter()
        .map(|s| {
            Diagnostic::error("E0103", "expression or statement nested too deeply", s)
                .with_label(format!("nests more than {} levels deep", ast::MAX_NESTING))
                .with_help("split it up, e.g. with local variables or helper methods")
        })
        .collect()
}

fn lex_diag(e: &LexError, span: core::ops::Range<usize>) -> Diagnostic {
    let code = match e {
        LexError::InvalidChar => "E0001",
        LexError::UnterminatedComment => "E0002",
        LexError::UnterminatedString => "E0003",
        LexError::BadEscape(_) => "E0004",
        LexError::BadOctal | LexError::EmptyHex | LexError::TooLarge => "E0005",
    };
    let d = Diagnostic::error(code, e.to_string(), span);
    match e {
        LexError::BadEscape(_) => {
            d.with_help("the escapes are \\n \\r \\t \\b \\0 \\\" \\' and \\\\")
        }
        LexError::BadOctal => d.with_note("a literal with a leading 0 is octal"),
        LexError::UnterminatedComment => d.with_label("this comment is never closed"),
        LexError::UnterminatedString => d.with_label("this string is never closed"),
        _ => d,
    }
}

fn syntax_diag(e: ParseError<usize, Tok, LexError>, eof: usize) -> Diagnostic {
    match e {
        ParseError::InvalidToken { location } => {
            Diagnostic::error("E0100", "invalid token", location..location + 1)
        }
        ParseError::UnrecognizedEof { location, expected } => {
            let at = location.min(eof);
            Diagnostic::error("E0101", "unexpected end of file", at..at)
                .with_label(expected_text(&expected))
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            if tok == Tok::CastOpen {
                return Diagnostic::error("E0102", "a cast can only start an expression", l..r)
                    .with_label("cast in the middle of an expression")
                    .with_help("put the cast and its operand in parentheses: `a + ((int) b)`");
            }
            let d = Diagnostic::error("E0100", format!("unexpected {}", describe(&tok)), l..r)
                .with_label(expected_text(&expected));
            hint(d, &tok, &expected)
        }
        ParseError::ExtraToken { token: (l, tok, r) } => {
            Diagnostic::error("E0100", format!("unexpected {}", describe(&tok)), l..r)
        }
        ParseError::User { error } => Diagnostic::error("E0001", error.to_string(), 0..0),
    }
}

fn hint(d: Diagnostic, tok: &Tok, expected: &[String]) -> Diagnostic {
    let expects = |s: &str| expected.iter().any(|e| e.trim_matches('"') == s);
    if expects(";") && !matches!(tok, Tok::Semi) {
        return d.with_help(
            "every statement, and every top-level item including a class, ends with `;`",
        );
    }
    if matches!(tok, Tok::Semi) && expects("}") {
        return d.with_note("an empty statement `;` is not allowed; use `{}`");
    }
    d
}

/// "expected one of `a`, `b`" from LALRPOP's quoted terminal names.
fn expected_text(expected: &[String]) -> String {
    let mut names: Vec<String> = expected
        .iter()
        .map(|e| match e.as_str() {
            "IDENT" => "identifier".to_string(),
            "INT" => "integer".to_string(),
            "STRING" => "string".to_string(),
            "CAST_OPEN" => "`(`".to_string(),
            other => format!("`{}`", other.trim_matches('"')),
        })
        .filter(|n| n != "`BLOCK_COMMENT`")
        .collect();
    names.dedup();
    match names.len() {
        0 => "unexpected here".to_string(),
        1 => format!("expected {}", names[0]),
        n if n <= 8 => format!("expected one of {}", names.join(", ")),
        _ => format!("expected one of {}, …", names[..8].join(", ")),
    }
}

/// A token as a user would name it.
pub fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(s) => format!("identifier `{s}`"),
        Tok::Int(n) => format!("integer `{n}`"),
        Tok::Str(_) => "string literal".to_string(),
        Tok::CastOpen | Tok::LParen => "`(`".to_string(),
        other => {
            let dbg = format!("{other:?}");
            match punct_text(other) {
                Some(t) => format!("`{t}`"),
                None => format!("keyword `{}`", dbg.to_lowercase()),
            }
        }
    }
}

fn punct_text(t: &Tok) -> Option<&'static str> {
    use Tok::*;
    Some(match t {
        At => "@",
        BangArrow => "!->",
        ArrowBang => "->!",
        LBrace => "{",
        RBrace => "}",
        Plus => "+",
        Minus => "-",
        Slash => "/",
        Star => "*",
        Percent => "%",
        OrOr => "||",
        AndAnd => "&&",
        Bang => "!",
        Pipe => "|",
        Amp => "&",
        Caret => "^",
        Tilde => "~",
        RefEq => ":==",
        RefNe => ":!=",
        EqEq => "==",
        Ne => "!=",
        Gt => ">",
        Lt => "<",
        Ge => ">=",
        Le => "<=",
        Assign => "=",
        DotAssign => ".=",
        Colon => ":",
        Dot => ".",
        Semi => ";",
        Comma => ",",
        LBracket => "[",
        RBracket => "]",
        RParen => ")",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::*;

    fn ok(src: &str) -> Unit {
        let (u, d) = parse(src);
        assert!(d.is_empty(), "{d:#?}");
        u
    }

    fn body(src: &str) -> Vec<Stmt> {
        let u = ok(&format!("package .t; class c {{ void m() {{ {src} }} }};"));
        let TopItem::Class(c) = &u.items[1] else {
            panic!()
        };
        let Member::Method(m) = &c.members[0] else {
            panic!()
        };
        m.body.clone().unwrap().stmts
    }

    fn expr(src: &str) -> ExprKind {
        match body(&format!("{src};")).remove(0).kind {
            StmtKind::Expr(e) => e.kind,
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn class_with_members() {
        let u = ok(
            r#"package .a; import .internal."class"; attribute const * ->!;
            class b @x extends .c.d implements e { var f : int; var g; .a.b h;
              int m(var x : int, var y) [20] @y { return x; } };"#,
        );
        assert_eq!(u.items.len(), 4);
        let TopItem::Class(c) = &u.items[3] else {
            panic!()
        };
        assert_eq!(c.members.len(), 4);
        assert_eq!(c.extends[0].text(), ".c.d");
    }

    #[test]
    fn precedence_follows_the_original() {
        // `|` binds tighter than `+`; `!` negates the whole chain.
        let ExprKind::Binary(BinOp::Add, _, r) = expr("1 + 2 | 4") else {
            panic!()
        };
        assert!(matches!(r.kind, ExprKind::Binary(BinOp::BitOr, ..)));
        assert!(matches!(expr("!a && b"), ExprKind::Not(_)));
        // Assignment is greedy on its right: a + (b = (c + d)).
        let ExprKind::Binary(BinOp::Add, _, r) = expr("a + b = c + d") else {
            panic!()
        };
        let ExprKind::Assign(_, v) = &r.kind else {
            panic!()
        };
        assert!(matches!(v.kind, ExprKind::Binary(BinOp::Add, ..)));
        // The cast covers the whole chain.
        let ExprKind::Assign(_, v) = expr("x = (int) a + b") else {
            panic!()
        };
        let ExprKind::Cast(_, inner) = &v.kind else {
            panic!()
        };
        assert!(matches!(inner.kind, ExprKind::Binary(BinOp::Add, ..)));
        assert!(matches!(expr("a - 5"), ExprKind::Binary(BinOp::Sub, ..)));
        assert!(matches!(expr("x = -5"), ExprKind::Assign(_, v) if v.kind == ExprKind::Int(-5)));
        assert!(
            matches!(expr("x = a ~"), ExprKind::Assign(_, v) if matches!(v.kind, ExprKind::BitNot(_)))
        );
    }

    #[test]
    fn calls_and_postfix() {
        assert!(
            matches!(expr("print(1, 2)"), ExprKind::Call(None, MethodId::Name(_), a) if a.len() == 2)
        );
        assert!(matches!(
            expr("o.16(x)"),
            ExprKind::Call(Some(_), MethodId::Ordinal(16, _), _)
        ));
        assert!(matches!(expr("a[1].m()"), ExprKind::Call(Some(_), _, _)));
        assert!(matches!(
            expr("x = new *(c) : .a.b ()"),
            ExprKind::Assign(..)
        ));
        assert!(matches!(expr("x = new int[]()"), ExprKind::Assign(..)));
    }

    #[test]
    fn statements() {
        let s = body(
            "if (a) if (b) c(); else d(); do { x = 1; } while (i) i = i - 1; \
             switch (v) { case 1: f(); break; default: g(); } \
             try { throw \"x\"; } catch (string e) { h(); } var q : int; var r; \
             foreach (e in arr) f(e); while (1) { continue; }",
        );
        assert_eq!(s.len(), 8);
        // The else binds to the inner if.
        let StmtKind::If(_, inner, None) = &s[0].kind else {
            panic!("{:?}", s[0].kind)
        };
        assert!(matches!(inner.kind, StmtKind::If(_, _, Some(_))));
        assert!(matches!(s[1].kind, StmtKind::DoWhile(_, _, Some(_))));
    }

    #[test]
    fn every_independent_error_is_reported() {
        let (_, d) = parse(
            "package .t; class c { void m() { x = ; y = 1 +; z(); } void n() { return 1 } };",
        );
        assert_eq!(d.len(), 3, "{d:#?}");
        assert!(d.iter().all(|d| d.code == "E0100"));
    }

    #[test]
    fn a_literal_or_comment_that_runs_to_the_end_is_one_error() {
        // No "unexpected end of file" after it.
        let (_, d) = parse("package .t; class c { string m() { return \"open; } };\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0003"]);
        let (_, d) = parse("package .t; class c { /* open\n");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0002"]);
        // Without such an error the end of file is reported.
        let (_, d) = parse("package .t; class c {");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0101"]);
    }

    #[test]
    fn c_style_local_declarations_are_not_accepted() {
        // Deviation P6: the original accidentally declared `y` here.
        for stmt in ["foo int y;", "int y;", ".a.b y;"] {
            let (_, d) = parse(&format!("package .t; class c {{ void m() {{ {stmt} }} }};"));
            assert_eq!(
                d.iter().map(|d| d.code).collect::<Vec<_>>(),
                ["E0100"],
                "{stmt}"
            );
        }
        // The declaration to use instead.
        assert_eq!(body("var y : int;").len(), 1);
    }

    #[test]
    fn cast_in_the_middle_is_explained() {
        let (_, d) = parse("package .t; class c { void m() { x = a + (int) b; } };");
        assert_eq!(d[0].code, "E0102");
    }
}
