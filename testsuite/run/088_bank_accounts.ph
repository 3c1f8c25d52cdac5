// covers: a small object model with exceptions: accounts with deposits, withdrawals and transfers, a user exception class carrying data, failed operations leaving balances unchanged
package .test;

class main
{
    var out;

    string attempt(var from : account, var to : account, var amount : int)
    {
        try
        {
            from.transfer(to, amount);
            return "ok";
        }
        catch (bankerror e)
        {
            return "refused: " + e.reason() + " (" + e.missing() + " missing)";
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        var alice : account;
        var bob : account;
        out = boot;
        alice = new account("alice", 100);
        bob = new account("bob", 20);
        alice.deposit(50);
        out.16(alice + " " + bob + "\n");
        out.16("transfer 120 alice->bob: " + attempt(alice, bob, 120) + "\n");
        out.16(alice + " " + bob + "\n");
        out.16("transfer 200 bob->alice: " + attempt(bob, alice, 200) + "\n");
        out.16(alice + " " + bob + "\n");
        out.16("transfer 140 bob->alice: " + attempt(bob, alice, 140) + "\n");
        out.16(alice + " " + bob + "\n");
        out.16("history alice: " + alice.history() + "\n");
        out.16("history bob: " + bob.history() + "\n");
    }
};

class bankerror
{
    var why : string;
    var short : int;

    void bankerror(var w : string, var s : int)
    {
        why = w;
        short = s;
    }

    string reason()
    {
        return why;
    }

    int missing()
    {
        return short;
    }
};

class account
{
    var owner : string;
    var balance : int;
    var log : string;

    void account(var name : string, var initial : int)
    {
        owner = name;
        balance = initial;
        log = "open " + initial;
    }

    void deposit(var n : int)
    {
        balance = balance + n;
        log = log + ", +" + n;
    }

    void withdraw(var n : int)
    {
        if (n > balance)
            throw new bankerror("insufficient funds", n - balance);
        balance = balance - n;
        log = log + ", -" + n;
    }

    void transfer(var to : account, var n : int)
    {
        withdraw(n);
        to.deposit(n);
    }

    string history()
    {
        return log;
    }

    string toString()
    {
        return owner + ":" + balance;
    }
};
