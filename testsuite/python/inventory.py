# An inventory with classes, dict bookkeeping and exceptions.
class OutOfStock(Exception):
    pass

class Item:
    def __init__(self, sku, name, price):
        self.sku, self.name, self.price = sku, name, price

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, {self.price})"

    def __eq__(self, other):
        return isinstance(other, Item) and self.sku == other.sku

    def __hash__(self):
        return hash(self.sku)

class Inventory:
    def __init__(self):
        self.stock = {}
        self.log = []

    def add(self, item, n=1):
        self.stock[item] = self.stock.get(item, 0) + n
        self.log.append(("add", item.sku, n))

    def remove(self, item, n=1):
        have = self.stock.get(item, 0)
        if have < n:
            raise OutOfStock(f"{item.name}: want {n}, have {have}")
        self.stock[item] = have - n
        if self.stock[item] == 0:
            del self.stock[item]
        self.log.append(("remove", item.sku, n))

    def value(self):
        return sum(i.price * n for i, n in self.stock.items())

    def __len__(self):
        return sum(self.stock.values())

    def __contains__(self, item):
        return item in self.stock

inv = Inventory()
pen = Item("P1", "pen", 150)
pad = Item("N7", "notepad", 425)
inv.add(pen, 10)
inv.add(pad, 2)
inv.add(Item("P1", "pen again", 999), 5)
print(len(inv), inv.value(), pen in inv, sorted(inv.stock.values()))
for sku, n in [("P1", 3), ("N7", 5), ("N7", 2)]:
    item = pen if sku == "P1" else pad
    try:
        inv.remove(item, n)
        print("removed", n, item.name)
    except OutOfStock as e:
        print("out of stock:", e)
print(inv.stock, pad in inv, len(inv), inv.log)
