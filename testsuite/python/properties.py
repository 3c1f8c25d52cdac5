# property, staticmethod and classmethod.
class Temperature:
    scale = "C"

    def __init__(self, degrees):
        self._degrees = degrees

    @property
    def degrees(self):
        return self._degrees

    @degrees.setter
    def degrees(self, value):
        if value < -273:
            raise ValueError("below absolute zero")
        self._degrees = value

    @property
    def kelvin(self):
        return self._degrees + 273

    @staticmethod
    def describe(x):
        return f"{x} degrees"

    @classmethod
    def freezing(cls):
        return cls(0)

    @classmethod
    def label(cls):
        return cls.__name__ + "/" + cls.scale


class Fahrenheit(Temperature):
    scale = "F"


t = Temperature(20)
print(t.degrees, t.kelvin)
t.degrees = 25
print(t.degrees, t.kelvin, t._degrees)
try:
    t.degrees = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.kelvin = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Temperature.describe(3), t.describe(4), Temperature.freezing().degrees)
print(Temperature.label(), Fahrenheit.label(), Fahrenheit.freezing().label(), type(Fahrenheit.freezing()).__name__)
