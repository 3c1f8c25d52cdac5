# Classes: __init__, methods, inheritance, super(), __str__/__repr__.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def describe(self):
        return self.name + " says " + self.speak()

    def __str__(self):
        return "Animal(" + self.name + ")"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks

    def speak(self):
        return "woof"

    def __repr__(self):
        return f"Dog({self.name!r}, {self.tricks})"


a = Animal("generic")
d = Dog("rex", 3)
print(a.describe(), d.describe(), a.kind, d.kind, Animal.kind)
print(str(a), d, [d], repr(d))
print(isinstance(d, Dog), isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal))
print(type(d).__name__, type(a) is Animal, type(d) is Animal)
d.tricks += 1
print(d.tricks, hasattr(d, "tricks"), hasattr(d, "nope"), getattr(d, "nope", "default"))


class Counter:
    count = 0

    def __init__(self):
        Counter.count += 1
        self.id = Counter.count


objs = [Counter() for _ in range(3)]
print([o.id for o in objs], Counter.count)
