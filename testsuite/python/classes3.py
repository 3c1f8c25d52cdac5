# Nested classes, closures in methods, class/instance attribute shadowing,
# unbound built-in methods, recursive generators.
def make_class(prefix):
    class Greeter:
        count = 0
        def greet(self, name):
            Greeter.count += 1
            return prefix + ", " + name
    return Greeter

G = make_class("Hi")
g = G()
print(g.greet("a"), g.greet("b"), G.count, make_class("Yo")().greet("c"))

class Outer:
    class Inner:
        def __init__(self, v):
            self.v = v
        def __repr__(self):
            return f"Inner({self.v})"
    def make(self, v):
        return Outer.Inner(v)

print(Outer().make(3), Outer.Inner(4))

class Base:
    tag = "base"
    def describe(self):
        return f"{type(self).__name__}:{self.tag}"

class Child(Base):
    tag = "child"

b, c = Base(), Child()
c2 = Child()
c2.tag = "own"
print(b.describe(), c.describe(), c2.describe(), Child.tag, Base.tag)
Base.tag = "changed"
print(b.describe(), c.describe())

print(sorted(["b", "A", "c", "B"], key=str.lower), list(map(str.upper, ["x", "y"])), str.join("-", ["a", "b"]))
acc = []
add = list.append
add(acc, 1)
print(acc, list(map(len, ["ab", "c"])), dict.get({"k": 1}, "k"))

class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = list(kids)
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
    def depth_first(self, depth=0):
        yield depth, self.v
        for k in self.kids:
            yield from k.depth_first(depth + 1)

t = Tree(1, [Tree(2, [Tree(4)]), Tree(3, [Tree(5), Tree(6)])])
print(list(t.walk()), sum(t.walk()), [f"{'  ' * d}{v}" for d, v in t.depth_first()])

class Bad:
    def __str__(self):
        return 42
try:
    str(Bad())
except TypeError as e:
    print("TypeError:", e)
class BadInit:
    def __init__(self):
        return 1
try:
    BadInit()
except TypeError as e:
    print("TypeError:", e)
print(0 ** 0, pow(0, 0), -0, (1, 2) < (1, 2, 0), (2,) > (1, 9), "" in "abc", "".join([]), "a,b,".split(","))
