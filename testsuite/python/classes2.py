# Class attributes, instance attributes, methods as values, __class__.
class Node:
    count = 0

    def __init__(self, value, children=None):
        self.value = value
        self.children = children if children is not None else []
        Node.count += 1

    def add(self, child):
        self.children.append(child)
        return self

    def total(self):
        return self.value + sum(c.total() for c in self.children)

    def depth(self):
        return 1 + max([c.depth() for c in self.children], default=0)

    def walk(self, visit):
        visit(self.value)
        for c in self.children:
            c.walk(visit)

    def __repr__(self):
        if not self.children:
            return f"Node({self.value})"
        return f"Node({self.value}, {self.children})"


tree = Node(1).add(Node(2).add(Node(4))).add(Node(3))
print(tree, tree.total(), tree.depth(), Node.count)
seen = []
tree.walk(seen.append)
print(seen)
m = tree.total
print(m(), tree.__class__.__name__, type(tree) == Node, isinstance(tree, object))
tree.extra = "dynamic"
print(tree.extra, getattr(tree, "value"), hasattr(tree, "missing"))
setattr(tree, "value", 10)
print(tree.value, tree.total())
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x, isinstance(e, Empty))
try:
    print(e.y)
except AttributeError as err:
    print("AttributeError:", err)
