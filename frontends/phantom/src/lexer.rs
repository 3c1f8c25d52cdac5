//! The lexer: source text to tokens, with byte spans.
//!
//! Follows `language.md` §2 with the deliberate fixes recorded in
//! `docs/deviations.md`: the source is UTF-8 (identifiers may use any
//! Unicode letter), tokens use maximal munch without the original's
//! no-backtracking failures, and bad input becomes an error token with a
//! span instead of an aborted compile.

use logos::Logos;

/// A lexical error, reported with the span of the offending text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum LexError {
    /// A character that cannot start any token.
    #[default]
    InvalidChar,
    /// `/*` without a closing `*/`.
    UnterminatedComment,
    /// `"` without a closing `"`.
    UnterminatedString,
    /// A `\x` escape the language does not define.
    BadEscape(char),
    /// An octal literal with a digit 8 or 9.
    BadOctal,
    /// `0x` with no digits.
    EmptyHex,
    /// A literal that does not fit in 64 bits.
    TooLarge,
}

impl core::fmt::Display for LexError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            LexError::InvalidChar => f.write_str("this character cannot start a token"),
            LexError::UnterminatedComment => f.write_str("unterminated block comment"),
            LexError::UnterminatedString => f.write_str("unterminated string literal"),
            LexError::BadEscape(c) => write!(f, "unknown escape sequence `\\{c}`"),
            LexError::BadOctal => f.write_str("invalid digit in octal literal"),
            LexError::EmptyHex => f.write_str("hexadecimal literal has no digits"),
            LexError::TooLarge => f.write_str("integer literal is too large"),
        }
    }
}

/// A token. Keywords and punctuation follow `language.md` §2.3.
#[derive(Logos, Clone, Debug, PartialEq, Eq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\r\n\x0B\x0C\x1C-\x1F]+")]
#[logos(skip r"//[^\n]*")]
pub enum Tok {
    /// Never produced: block comments are skipped by their callback.
    #[token("/*", block_comment)]
    BlockComment,

    #[token("@")]
    At,
    #[token("!->")]
    BangArrow,
    #[token("->!")]
    ArrowBang,
    #[token("attribute")]
    Attribute,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("/")]
    Slash,
    #[token("*")]
    Star,
    #[token("%")]
    Percent,
    #[token("||")]
    OrOr,
    #[token("&&")]
    AndAnd,
    #[token("!")]
    Bang,
    #[token("|")]
    Pipe,
    #[token("&")]
    Amp,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token(":==")]
    RefEq,
    #[token(":!=")]
    RefNe,
    #[token("==")]
    EqEq,
    #[token("!=")]
    Ne,
    #[token(">")]
    Gt,
    #[token("<")]
    Lt,
    #[token(">=")]
    Ge,
    #[token("<=")]
    Le,
    #[token("=")]
    Assign,
    #[token(".=")]
    DotAssign,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("(")]
    LParen,
    /// A `(` that opens a cast; see [`classify_casts`].
    CastOpen,
    #[token(")")]
    RParen,

    #[token("package")]
    Package,
    #[token("import")]
    Import,
    #[token("class")]
    Class,
    #[token("interface")]
    Interface,
    #[token("public")]
    Public,
    #[token("static")]
    Static,
    #[token("extends")]
    Extends,
    #[token("implements")]
    Implements,
    #[token("if")]
    If,
    #[token("else")]
    Else,
    #[token("while")]
    While,
    #[token("do")]
    Do,
    #[token("foreach")]
    Foreach,
    #[token("in")]
    In,
    #[token("return")]
    Return,
    #[token("switch")]
    Switch,
    #[token("case")]
    Case,
    #[token("default")]
    Default,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("try")]
    Try,
    #[token("catch")]
    Catch,
    #[token("throw")]
    Throw,
    #[token("var")]
    Var,
    #[token("void")]
    Void,
    #[token("null")]
    Null,
    #[token("new")]
    New,
    #[token("this")]
    This,

    /// An identifier.
    #[regex(r"[\p{Alphabetic}_$][\p{Alphabetic}\p{Nd}_$]*", |lex| lex.slice().to_string())]
    Ident(String),

    /// A string literal, unescaped to bytes.
    #[token("\"", string_literal)]
    Str(Vec<u8>),

    /// An integer literal (unsigned; a leading `-` is a separate token).
    #[regex("0[xX][0-9a-fA-F]*", hex)]
    #[regex("[0-9]+", decimal_or_octal)]
    Int(u64),
}

fn block_comment(lex: &mut logos::Lexer<Tok>) -> logos::FilterResult<(), LexError> {
    match lex.remainder().find("*/") {
        Some(end) => {
            lex.bump(end + 2);
            logos::FilterResult::Skip
        }
        None => {
            lex.bump(lex.remainder().len());
            logos::FilterResult::Error(LexError::UnterminatedComment)
        }
    }
}

/// Reads a string literal after its opening `"`. The literal ends at the
/// next unescaped `"`; without one it runs to the end of the file (error
/// [`LexError::UnterminatedString`]). An unknown escape is reported once
/// the whole literal is read, so that lexing goes on after it.
fn string_literal(lex: &mut logos::Lexer<Tok>) -> Result<Vec<u8>, LexError> {
    let rest = lex.remainder();
    let mut out = Vec::new();
    let mut bad = None;
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                lex.bump(i + 1);
                return bad.map_or(Ok(out), Err);
            }
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                match escape(e) {
                    Some(b) => out.push(b),
                    None => {
                        bad.get_or_insert(LexError::BadEscape(e));
                    }
                }
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    lex.bump(rest.len());
    Err(LexError::UnterminatedString)
}

/// The byte an escape `\\e` stands for.
fn escape(e: char) -> Option<u8> {
    Some(match e {
        '"' => b'"',
        'n' => b'\n',
        'r' => b'\r',
        't' => b'\t',
        // The original maps \b to BEL (0x07); we follow C and Java.
        'b' => 0x08,
        '\\' => b'\\',
        '\'' => b'\'',
        '0' => 0,
        _ => return None,
    })
}

fn hex(lex: &mut logos::Lexer<Tok>) -> Result<u64, LexError> {
    let digits = &lex.slice()[2..];
    if digits.is_empty() {
        return Err(LexError::EmptyHex);
    }
    u64::from_str_radix(digits, 16).map_err(|_| LexError::TooLarge)
}

fn decimal_or_octal(lex: &mut logos::Lexer<Tok>) -> Result<u64, LexError> {
    let s = lex.slice();
    if s.len() > 1 && s.starts_with('0') {
        if s.bytes().any(|b| b == b'8' || b == b'9') {
            return Err(LexError::BadOctal);
        }
        return u64::from_str_radix(&s[1..], 8).map_err(|_| LexError::TooLarge);
    }
    s.parse().map_err(|_| LexError::TooLarge)
}

/// A token with its byte span.
pub type Spanned = (usize, Tok, usize);

/// Lexes a whole file. Errors are returned alongside the tokens so that the
/// parser can still report every independent syntax error.
pub fn lex(src: &str) -> (Vec<Spanned>, Vec<(LexError, core::ops::Range<usize>)>) {
    let mut toks = Vec::new();
    let mut errors = Vec::new();
    let mut lexer = Tok::lexer(src);
    while let Some(t) = lexer.next() {
        let span = lexer.span();
        match t {
            Ok(t) => toks.push((span.start, t, span.end)),
            Err(e) => errors.push((e, span)),
        }
    }
    classify_casts(&mut toks);
    (toks, errors)
}

/// Marks each `(` that opens a cast as [`Tok::CastOpen`].
///
/// The original parser decides this by a speculative type parse with
/// backtracking; an LR grammar cannot, so this pass does it on tokens. A `(`
/// opens a cast when it cannot be a call or condition parenthesis (the token
/// before it is not a name, `)`, `]` or a statement keyword), the tokens up
/// to the matching `)` spell a type (`[.]a.b.c`, optionally `[]`), and the
/// token after the `)` can start an operand. A `-` after the `)` makes it a
/// cast only for the built-in numeric type names, because `(x) -1` is much
/// more likely a subtraction than a cast of a negative literal to a class.
pub fn classify_casts(toks: &mut [Spanned]) {
    for i in 0..toks.len() {
        if toks[i].1 != Tok::LParen {
            continue;
        }
        if i > 0
            && matches!(
                toks[i - 1].1,
                Tok::Ident(_)
                    | Tok::RParen
                    | Tok::RBracket
                    | Tok::If
                    | Tok::While
                    | Tok::Switch
                    | Tok::Catch
                    | Tok::Foreach
                    | Tok::Dot
                    | Tok::Star
                    | Tok::This
                    | Tok::Null
            )
        {
            continue;
        }
        let Some((close, builtin)) = type_then_rparen(toks, i + 1) else {
            continue;
        };
        let Some(next) = toks.get(close + 1) else {
            continue;
        };
        let starts_operand = match &next.1 {
            Tok::Ident(_)
            | Tok::Int(_)
            | Tok::Str(_)
            | Tok::LParen
            | Tok::CastOpen
            | Tok::New
            | Tok::Null
            | Tok::This
            | Tok::Import
            | Tok::Bang => true,
            Tok::Minus => builtin,
            _ => false,
        };
        if starts_operand {
            toks[i].1 = Tok::CastOpen;
        }
    }
}

/// If `toks[start..]` is a type name followed by `)`, returns the index of
/// the `)` and whether the name is a built-in numeric or string type.
fn type_then_rparen(toks: &[Spanned], start: usize) -> Option<(usize, bool)> {
    let mut i = start;
    let mut parts: Vec<&str> = Vec::new();
    let absolute = matches!(toks.get(i)?.1, Tok::Dot);
    if absolute {
        i += 1;
    }
    loop {
        match &toks.get(i)?.1 {
            Tok::Ident(s) => parts.push(s),
            Tok::Void if parts.is_empty() => parts.push("void"),
            _ => return None,
        }
        i += 1;
        if toks.get(i)?.1 == Tok::Dot {
            i += 1;
        } else {
            break;
        }
    }
    if toks.get(i)?.1 == Tok::LBracket {
        if toks.get(i + 1)?.1 != Tok::RBracket {
            return None;
        }
        i += 2;
    }
    if toks.get(i)?.1 != Tok::RParen {
        return None;
    }
    let name = parts.join(".");
    let builtin = matches!(
        name.as_str(),
        "int" | "long" | "float" | "double" | "string"
    ) || (absolute
        && matches!(
            name.as_str(),
            "internal.int"
                | "internal.long"
                | "internal.float"
                | "internal.double"
                | "internal.string"
        ));
    Some((i, builtin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        let (t, e) = lex(src);
        assert!(e.is_empty(), "{e:?}");
        t.into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn maximal_munch_and_keywords() {
        assert_eq!(
            kinds("int in :== := !-5"),
            vec![
                Tok::Ident("int".into()),
                Tok::In,
                Tok::RefEq,
                Tok::Colon,
                Tok::Assign,
                Tok::Bang,
                Tok::Minus,
                Tok::Int(5)
            ]
        );
    }

    #[test]
    fn literals() {
        assert_eq!(
            kinds("0x1F 017 0 42"),
            vec![Tok::Int(31), Tok::Int(15), Tok::Int(0), Tok::Int(42)]
        );
        assert_eq!(kinds(r#""a\n\"\b""#), vec![Tok::Str(b"a\n\"\x08".to_vec())]);
        assert_eq!(kinds("\"é\""), vec![Tok::Str("é".as_bytes().to_vec())]);
    }

    #[test]
    fn errors_have_spans_and_lexing_goes_on() {
        let (toks, errs) = lex("a # b 09 \"x\\q\" c");
        assert_eq!(errs.len(), 3);
        assert_eq!(errs[0], (LexError::InvalidChar, 2..3));
        assert_eq!(errs[1].0, LexError::BadOctal);
        assert_eq!(errs[2].0, LexError::BadEscape('q'));
        assert_eq!(toks.len(), 3);
        let (_, errs) = lex("a /* never closed");
        assert_eq!(errs[0].0, LexError::UnterminatedComment);
    }

    #[test]
    fn an_unterminated_string_runs_to_the_end_of_the_file() {
        // Logos used to fall back to "this character cannot start a token".
        let src = "a \"never closed;\n  }\n";
        let (toks, errs) = lex(src);
        assert_eq!(errs, vec![(LexError::UnterminatedString, 2..src.len())]);
        assert_eq!(toks.len(), 1);
        // An escaped quote does not end it; a backslash at the very end neither.
        let (_, errs) = lex(r#""a \" b"#);
        assert_eq!(errs[0].0, LexError::UnterminatedString);
        let (_, errs) = lex("\"ends in \\");
        assert_eq!(errs[0].0, LexError::UnterminatedString);
        // A bad escape is reported and lexing goes on after the literal.
        let (toks, errs) = lex(r#""\q\n" x"#);
        assert_eq!(errs, vec![(LexError::BadEscape('q'), 0..6)]);
        assert_eq!(toks.len(), 1);
    }

    #[test]
    fn casts_are_classified() {
        let k = kinds("x = (int) y; f(a) b; if (c) d; e = (a) - 1; g = (int) -1;");
        let casts = k.iter().filter(|t| **t == Tok::CastOpen).count();
        assert_eq!(casts, 2);
    }
}
