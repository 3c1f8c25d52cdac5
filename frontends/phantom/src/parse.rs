//! Parsing a file: tokens to [`ast::Unit`], every syntax error reported.

use diag::Diagnostic;
use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast;
use crate::grammar::UnitParser;
use crate::lexer::{self, LexError, Spanned, Tok};

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
    // The token after a character that was left out would only be reported
    // again as unexpected.
    let after_bad_char: Vec<usize> = lex_errors
        .iter()
        .filter(|(e, _)| *e == LexError::InvalidChar)
        .filter_map(|(_, s)| tokens.iter().find(|t| t.0 >= s.end).map(|t| t.0))
        .collect();
    let mut diags: Vec<Diagnostic> = lex_errors
        .into_iter()
        .map(|(e, span)| lex_diag(&e, span, src))
        .collect();
    let mut tokens = other_languages(src, tokens, &mut diags);
    let quiet = |e: &ParseError<usize, Tok, LexError>| {
        eof_error(e)
            || matches!(e, ParseError::UnrecognizedToken { token: (l, ..), .. }
                if after_bad_char.contains(l))
    };
    // A `;` missing at the end of a line is reported, inserted, and the file
    // parsed again, so that the parser's recovery does not turn the rest of
    // the item into further errors.
    let (ctx, recovered, deep, result) = loop {
        let ctx = Context {
            src,
            ends: tokens.iter().map(|t| t.2).collect(),
            starts: tokens.iter().map(|t| t.0).collect(),
        };
        let mut recovered: Vec<ErrorRecovery<usize, Tok, LexError>> = Vec::new();
        let mut deep: Vec<ast::Span> = Vec::new();
        let result = UnitParser::new().parse(&mut recovered, &mut deep, tokens.clone());
        let first = recovered
            .first()
            .map(|r| &r.error)
            .or(result.as_ref().err())
            .filter(|e| !quiet(e));
        match first
            .and_then(|e| missing_semi(e, &ctx))
            .filter(|_| diags.len() < 100)
        {
            Some((at, d)) => {
                let i = tokens.partition_point(|t| t.0 < at);
                tokens.insert(i, (at, Tok::Semi, at));
                diags.push(d);
            }
            None => break (ctx, recovered, deep, result),
        }
    };
    for r in recovered.into_iter().filter(|r| !quiet(&r.error)) {
        diags.push(syntax_diag(r.error, &ctx));
    }
    diags.extend(too_deep(deep));
    let unit = match result {
        Ok(u) => u,
        Err(e) => {
            if !quiet(&e) {
                diags.push(syntax_diag(e, &ctx));
            }
            ast::Unit { items: Vec::new() }
        }
    };
    diags.sort_by_key(|d| d.span().start);
    (unit, diags)
}

/// The source and where its tokens start and end, for placing syntax errors.
struct Context<'s> {
    src: &'s str,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Context<'_> {
    /// The end of the token before the one starting at `at`.
    fn end_before(&self, at: usize) -> Option<usize> {
        let i = self.starts.partition_point(|&s| s < at);
        i.checked_sub(1).map(|i| self.ends[i])
    }

    /// Whether a line break separates `a` from `b`.
    fn newline_between(&self, a: usize, b: usize) -> bool {
        self.src.get(a..b).is_some_and(|t| t.contains('\n'))
    }
}

/// Reports forms that Phantom does not have but other languages do, and
/// replaces them with something that parses, so that one mistake gives one
/// error: `for (init; cond; step)` (E0104) becomes `while (0)`, and a
/// floating-point literal `1.5` (E0006) becomes its integer part.
fn other_languages(src: &str, toks: Vec<Spanned>, diags: &mut Vec<Diagnostic>) -> Vec<Spanned> {
    let text = |a: usize, b: usize| src.get(a..b).unwrap_or("").trim().to_string();
    let mut out: Vec<Spanned> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let (l, tok, r) = &toks[i];
        let next = toks.get(i + 1).map(|t| &t.1);
        if matches!(tok, Tok::Ident(s) if s == "for")
            && matches!(next, Some(Tok::LParen | Tok::CastOpen))
        {
            if let Some(close) = matching_paren(&toks, i + 1) {
                // The top-level `;`s split the header into its three parts.
                let mut parts = Vec::new();
                let (mut depth, mut from) = (0, toks[i + 1].2);
                for t in &toks[i + 2..close] {
                    match t.1 {
                        Tok::LParen | Tok::CastOpen => depth += 1,
                        Tok::RParen => depth -= 1,
                        Tok::Semi if depth == 0 => {
                            parts.push(text(from, t.0));
                            from = t.2;
                        }
                        _ => {}
                    }
                }
                parts.push(text(from, toks[close].0));
                let end = toks[close].2;
                let mut d = Diagnostic::error("E0104", "Phantom has no `for` loop")
                    .at(*l..end, "use a `while` loop instead");
                d = match &parts[..] {
                    [init, cond, step] => {
                        let cond = if cond.is_empty() { "1" } else { cond };
                        let init = if init.is_empty() {
                            String::new()
                        } else {
                            format!("{init}; ")
                        };
                        let step = if step.is_empty() {
                            String::new()
                        } else {
                            format!(" {step};")
                        };
                        d.with_help(format!(
                            "write `{init}while ({cond}) {{ …{step} }}`, with the step at the end of the body"
                        ))
                    }
                    _ => d.with_help("write `init; while (cond) { … step; }`"),
                };
                diags.push(d);
                let (cl, cr) = (toks[close].0, toks[close].2);
                out.push((*l, Tok::While, *r));
                out.push((toks[i + 1].0, Tok::LParen, toks[i + 1].2));
                out.push((toks[i + 1].2, Tok::Int(0), cl));
                out.push((cl, Tok::RParen, cr));
                i = close + 1;
                continue;
            }
        }
        if let (Tok::Int(_), Some((dl, Tok::Dot, dr)), Some((fl, Tok::Int(_), fr))) = (
            tok,
            toks.get(i + 1).map(|t| (t.0, &t.1, t.2)),
            toks.get(i + 2),
        ) {
            let follows_call = matches!(toks.get(i + 3), Some((_, Tok::LParen, _)));
            if *r == dl && dr == *fl && !follows_call {
                let whole = text(*l, *fr);
                let int_part = text(*l, *r);
                let frac = text(*fl, *fr);
                let digits = format!("{int_part}{frac}");
                let digits = digits.trim_start_matches('0');
                let digits = if digits.is_empty() { "0" } else { digits };
                let fits = frac.len() <= 9 && digits.parse::<i32>().is_ok();
                let mut d = Diagnostic::error("E0006", "Phantom has no floating-point literals")
                    .at(*l..*fr, "not a number in Phantom");
                d = if fits && (int_part == "0" || !int_part.starts_with('0')) {
                    d.with_help(format!(
                        "make the `double` from integers: `((double) {digits}) / 1{}` is {whole}",
                        "0".repeat(frac.len())
                    ))
                } else {
                    d.with_help("make a `double` from integers, e.g. `((double) 3) / 2` is 1.5")
                };
                diags.push(d.with_note(
                    "the parentheses matter: a cast applies to everything after it, so `(double) 3 / 2` is 1",
                ));
                out.push((*l, tok.clone(), *fr));
                i += 3;
                continue;
            }
        }
        out.push(toks[i].clone());
        i += 1;
    }
    out
}

/// The index of the `)` that closes the `(` at `open`.
fn matching_paren(toks: &[Spanned], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.1 {
            Tok::LParen | Tok::CastOpen => depth += 1,
            Tok::RParen => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            Tok::LBrace | Tok::RBrace => return None,
            _ => {}
        }
    }
    None
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
            Diagnostic::error("E0103", "expression or statement nested too deeply")
                .at(
                    s,
                    format!("nests more than {} levels deep", ast::MAX_NESTING),
                )
                .with_help("split it up, e.g. with local variables or helper methods")
        })
        .collect()
}

fn lex_diag(e: &LexError, span: core::ops::Range<usize>, src: &str) -> Diagnostic {
    let text = src.get(span.clone()).unwrap_or("");
    match e {
        LexError::InvalidChar => Diagnostic::error(
            "E0001",
            format!("unexpected character `{}`", text.escape_debug()),
        )
        .at(span, "not part of Phantom's syntax"),
        LexError::UnterminatedComment => Diagnostic::error("E0002", "unterminated block comment")
            .at(span, "this comment is never closed")
            .with_help("end it with `*/`"),
        LexError::UnterminatedString => Diagnostic::error("E0003", "unterminated string literal")
            .at(span, "this string is never closed")
            .with_help("end it with `\"`; write a `\"` inside a string as `\\\"`"),
        LexError::BadEscape(c) => {
            Diagnostic::error("E0004", format!("unknown escape sequence `\\{c}`"))
                .at(span, "unknown escape")
                .with_help("the escapes are \\n \\r \\t \\b \\0 \\\" \\' and \\\\")
        }
        LexError::BadOctal => {
            Diagnostic::error("E0005", format!("`{text}` is not an octal number"))
                .at(span, "octal digits are 0 to 7")
                .with_note("a number with a leading `0` is octal")
                .with_help(format!(
                    "write `{}` for the decimal number",
                    text.trim_start_matches('0')
                ))
        }
        LexError::EmptyHex => Diagnostic::error("E0005", "hexadecimal literal has no digits")
            .at(span, "digits must follow `0x`"),
        LexError::TooLarge => Diagnostic::error("E0005", "integer literal is too large")
            .at(span, "does not fit in 64 bits"),
    }
}

/// A `;` missing at the end of a line: where it goes and the error.
fn missing_semi(
    e: &ParseError<usize, Tok, LexError>,
    ctx: &Context,
) -> Option<(usize, Diagnostic)> {
    let ParseError::UnrecognizedToken {
        token: (l, tok, r),
        expected,
    } = e
    else {
        return None;
    };
    if *tok == Tok::Semi || !expected.iter().any(|e| e.trim_matches('"') == ";") {
        return None;
    }
    let end = ctx.end_before(*l).filter(|&e| ctx.newline_between(e, *l))?;
    let d = Diagnostic::error("E0100", "missing `;`")
        .at(end..end, "expected `;` here")
        .with_secondary(*l..*r, format!("unexpected {}", describe(tok)))
        .with_help("every statement, and every top-level item including a class, ends with `;`");
    Some((end, d))
}

fn syntax_diag(e: ParseError<usize, Tok, LexError>, ctx: &Context) -> Diagnostic {
    match e {
        ParseError::InvalidToken { location } => Diagnostic::error("E0100", "invalid token")
            .at(location..location + 1, "not a token of Phantom"),
        ParseError::UnrecognizedEof { location, expected } => {
            let at = location.min(ctx.src.len());
            Diagnostic::error("E0101", "unexpected end of file")
                .at(at..at, expected_text(&expected))
                .with_help("a `}` or `;` may be missing before the end")
        }
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            if tok == Tok::CastOpen {
                let cast = ctx.src[l..]
                    .find(')')
                    .map_or("(int)", |e| &ctx.src[l..l + e + 1]);
                return Diagnostic::error("E0102", "a cast can only start an expression")
                    .at(l..r, "cast in the middle of an expression")
                    .with_help(format!(
                        "put the cast and its operand in parentheses: `a + ({cast} b)`"
                    ));
            }
            let expects = |s: &str| expected.iter().any(|e| e.trim_matches('"') == s);
            if tok == Tok::RParen && !expects(")") {
                return Diagnostic::error("E0100", "unexpected `)`")
                    .at(l..r, "this `)` has no matching `(`");
            }
            let d = Diagnostic::error("E0100", format!("unexpected {}", describe(&tok)))
                .at(l..r, expected_text(&expected));
            hint(d, &tok, &expected)
        }
        ParseError::ExtraToken { token: (l, tok, r) } => {
            Diagnostic::error("E0100", format!("unexpected {}", describe(&tok)))
                .at(l..r, "nothing may follow here")
        }
        ParseError::User { error } => {
            Diagnostic::error("E0001", error.to_string()).at(0..0, "here")
        }
    }
}

fn hint(d: Diagnostic, tok: &Tok, expected: &[String]) -> Diagnostic {
    let expects = |s: &str| expected.iter().any(|e| e.trim_matches('"') == s);
    if expects(")") && !matches!(tok, Tok::RParen) && !expects(";") {
        if expects(",") {
            return d.with_help("a `,` or `)` may be missing before this");
        }
        return d.with_help("a `)` may be missing before this");
    }
    if expects(";") && !matches!(tok, Tok::Semi) {
        return d.with_help("a `;` may be missing before this");
    }
    if matches!(tok, Tok::Semi) && expects("if") {
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
