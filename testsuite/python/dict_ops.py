# Dicts of lists, nested dicts, deletion and order.
inventory = {"apples": 3, "pears": 0, "kiwis": 12}
for k in list(inventory):
    if inventory[k] == 0:
        del inventory[k]
inventory["plums"] = 7
print(inventory, len(inventory), sorted(inventory), max(inventory, key=inventory.get))
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}
def reachable(g, start):
    seen = []
    todo = [start]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.append(n)
        todo.extend(g[n])
    return sorted(seen)
print(reachable(graph, "b"), reachable(graph, "c"))
nested = {"x": {"y": {"z": 1}}}
nested["x"]["y"]["w"] = 2
print(nested, nested["x"]["y"].get("z"), "y" in nested["x"])
d = {}
for i in range(20):
    d[i % 7] = d.get(i % 7, 0) + i
print(d, list(d.keys()), sum(d.values()))
for i in range(0, 7, 2):
    del d[i]
d[0] = "back"
print(d, d.pop(5), d.pop(99, "none"), len(d))
big = {i: i * i for i in range(100)}
print(len(big), big[99], sum(big.values()), 50 in big, 100 in big)
