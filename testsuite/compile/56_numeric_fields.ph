// covers: int/long/double typed fields (boxed, o2i/i2o conversions), field arithmetic, fields compared with constants (equals call)
package .test.numfields;

class account
{
    var balance : int;
    var total : .internal.long;
    var rate : .internal.double;

    void account()
    {
        balance = 100;
        total = 0;
        rate = 3;
    }

    void deposit(var amount : int)
    {
        balance = balance + amount;
        total = total + amount;
    }

    int withdraw(var amount : int)
    {
        if (amount > balance)
            return 0;
        balance = balance - amount;
        return 1;
    }

    double interest()
    {
        return balance * rate / 100;
    }

    int isEmpty()
    {
        return balance == 0;
    }
};
