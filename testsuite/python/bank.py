# A small object model: accounts with exceptions and class state.
class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
        self.available = available


class Account:
    next_id = 1

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account.next_id
        Account.next_id += 1
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def __str__(self):
        return f"#{self.id} {self.owner}: {self.balance}"


class Savings(Account):
    def __init__(self, owner, balance=0, rate=2):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        self.deposit(self.balance * self.rate // 100)


a = Account("ann", 100)
s = Savings("bob", 1000)
a.deposit(50).withdraw(30)
s.add_interest()
print(a, s, sep="\n")
for acct, amount in [(a, 500), (s, 20), (a, -5)]:
    try:
        if amount < 0:
            acct.deposit(amount)
        else:
            acct.withdraw(amount)
        print("ok", acct)
    except InsufficientFunds as e:
        print("insufficient:", e, e.needed - e.available)
    except ValueError as e:
        print("bad amount:", e)
print(a.history, s.history, Account.next_id)
