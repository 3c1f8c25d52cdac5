# A recursive-descent calculator over ints with a tokenizer.
def tokenize(s):
    toks = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            toks.append(("num", int(s[i:j])))
            i = j
        elif c in "+-*/%()":
            toks.append(("op", c))
            i += 1
        else:
            raise SyntaxError(f"bad character {c!r} at {i}") if False else ValueError(f"bad character {c!r} at {i}")
    return toks

class Parser:
    def __init__(self, toks):
        self.toks = toks
        self.pos = 0

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else ("end", None)

    def take(self):
        t = self.peek()
        self.pos += 1
        return t

    def expr(self):
        v = self.term()
        while self.peek() in [("op", "+"), ("op", "-")]:
            op = self.take()[1]
            v = v + self.term() if op == "+" else v - self.term()
        return v

    def term(self):
        v = self.factor()
        while self.peek()[0] == "op" and self.peek()[1] in "*/%":
            op = self.take()[1]
            r = self.factor()
            if op == "*":
                v *= r
            elif op == "/":
                v //= r
            else:
                v %= r
        return v

    def factor(self):
        kind, val = self.take()
        if kind == "num":
            return val
        if val == "-":
            return -self.factor()
        if val == "(":
            v = self.expr()
            if self.take() != ("op", ")"):
                raise ValueError("expected )")
            return v
        raise ValueError(f"unexpected {val}")

for src in ["1 + 2 * 3", "(1 + 2) * 3", "-7 // 2" if False else "-7 / 2", "2 * (3 + 4) * 5 - 6 % 4", "10 - 3 - 2", "((42))", "1 +", "3 $ 4", "8 / 0"]:
    try:
        print(src, "=", Parser(tokenize(src)).expr())
    except ValueError as e:
        print(src, "error:", e)
    except ZeroDivisionError as e:
        print(src, "error:", e)
