# More list work: stacks, queues, copies, nested sorting, searching.
nums = list(range(10))
evens = nums[::2]
odds = nums[1::2]
print(evens, odds, nums[-3:], nums[:-7], nums[8:2:-2], nums[100:], nums[-100:2])
copy = nums[:]
copy[0] = 99
print(nums[0], copy[0], nums == list(range(10)))
nums.clear()
print(nums, len(nums))
grid = [[(r, c) for c in range(3)] for r in range(2)]
flat = [x for row in grid for x in row]
print(flat, len(flat))
words = "to be or not to be that is the question".split()
print(sorted(set_like for set_like in words), sorted(words, key=lambda w: (-len(w), w))[:3])
uniq = []
for w in words:
    if w not in uniq:
        uniq.append(w)
print(uniq, words.count("be"), words.index("not"))
stack = []
for ch in "abc":
    stack.append(ch)
print(stack.pop(), stack.pop(), stack)
q = [1, 2, 3]
q.insert(0, 0)
q.insert(-1, 25)
q.insert(100, 4)
print(q, q.pop(1), q)
total = 0
for i, v in enumerate([5, 10, 15]):
    total += i * v
print(total, sum([[1], [2, 3]], []), max([[1, 2], [1, 3], [0, 9]]), min(["b", "a", "c"]))
