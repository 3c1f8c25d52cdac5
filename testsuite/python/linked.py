# A linked list and a binary search tree as classes.
class LNode:
    def __init__(self, val, nxt=None):
        self.val = val
        self.next = nxt

class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for x in reversed(list(items)):
            self.push(x)

    def push(self, x):
        self.head = LNode(x, self.head)
        self.size += 1

    def __iter__(self):
        node = self.head
        out = []
        while node is not None:
            out.append(node.val)
            node = node.next
        return iter(out)

    def reverse(self):
        prev, node = None, self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def __len__(self):
        return self.size

    def __repr__(self):
        return " -> ".join(str(v) for v in self) or "empty"

l = LinkedList([1, 2, 3, 4])
print(l, len(l))
l.reverse()
print(l, list(l), LinkedList())

class BST:
    def __init__(self):
        self.root = None

    def insert(self, k):
        if self.root is None:
            self.root = [k, None, None]
            return
        n = self.root
        while True:
            i = 1 if k < n[0] else 2
            if n[i] is None:
                n[i] = [k, None, None]
                return
            n = n[i]

    def inorder(self):
        out = []
        def walk(n):
            if n:
                walk(n[1])
                out.append(n[0])
                walk(n[2])
        walk(self.root)
        return out

    def height(self, n="root"):
        if n == "root":
            n = self.root
        if n is None:
            return 0
        return 1 + max(self.height(n[1]), self.height(n[2]))

t = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]:
    t.insert(k)
print(t.inorder(), t.height())
