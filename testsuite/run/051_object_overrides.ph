// covers: user classes overriding toString, equals and hashCode (slots 5, 4 and 15): == and != call the user's equals, concatenation calls the user's toString, a hand-written equals that compares fields
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : money;
        var b : money;
        var c : money;
        out = boot;
        a = new money(150);
        b = new money(150);
        c = new money(99);
        out.16("a=" + a + " c=" + c + "\n");
        out.16("a == b " + (a == b) + ", a == c " + (a == c) + ", a != c " + (a != c) + ", a :== b " + (a :== b) + "\n");
        out.16("a.equals(b)=" + a.equals(b) + " a.equals(c)=" + a.equals(c) + "\n");
        out.16("hash a=" + a.hashCode() + " hash c=" + c.hashCode() + "\n");
        out.16("toString by ordinal: " + a.5() + "\n");
        out.16("equals calls so far: " + a.calls() + "\n");
    }
};

class money
{
    var cents : int;
    var eqCalls : int;

    void money(var c : int)
    {
        cents = c;
        eqCalls = 0;
    }

    int amount()
    {
        return cents;
    }

    int calls()
    {
        return eqCalls;
    }

    string toString()
    {
        var r : string;
        r = "" + cents % 100;
        if (cents % 100 < 10)
            r = "0" + r;
        return "$" + cents / 100 + "." + r;
    }

    int equals(var o : .internal.object)
    {
        var m : money;
        eqCalls = eqCalls + 1;
        if (o :== this)
            return 1;
        m = (money) o;
        return m.amount() == cents;
    }

    int hashCode()
    {
        return cents * 31;
    }
};
