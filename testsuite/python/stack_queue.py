# Stack and queue classes with __len__, __iter__ and __repr__.
class Stack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items[::-1])

    def __repr__(self):
        return f"Stack({self._items})"


class Queue(Stack):
    def pop(self):
        if len(self) == 0:
            raise IndexError("pop from empty queue")
        return self._items.pop(0)

    def __iter__(self):
        return iter(self._items)


def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in text:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if len(st) == 0 or st.pop() != pairs[ch]:
                return False
    return len(st) == 0


s = Stack()
q = Queue()
for i in range(4):
    s.push(i)
    q.push(i)
print(s, q, len(s), list(s), list(q))
print(s.pop(), q.pop(), s, q)
for t in ["(a[b]{c})", "(]", "((", ""]:
    print(repr(t), balanced(t))
try:
    Stack().pop()
except IndexError as e:
    print("error:", e)
