# Operator overloading with dunder methods.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return self * k

    def __eq__(self, o):
        return isinstance(o, Vec) and self.x == o.x and self.y == o.y

    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __contains__(self, v):
        return v == self.x or v == self.y

    def __bool__(self):
        return self.x != 0 or self.y != 0

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)


a = Vec(1, 2)
b = Vec(3, 4)
print(a + b, b - a, a * 3, 3 * a, -a, a == Vec(1, 2), a != b, a < b, b > a)
print(len(a), a[0], a[1], 2 in a, 5 in a, bool(a), bool(Vec(0, 0)), list(a))
print(sorted([b, a, Vec(0, 9)]), {a: "a"}[Vec(1, 2)])


class Seq:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return SeqIter(self.n)


class SeqIter:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * 10


print(list(Seq(4)), sum(Seq(3)), [x for x in Seq(2)])
for v in Seq(3):
    print(v, end=" ")
print()
