// covers: implicit `extends .internal.object`: toString() takes slot 5, equals() slot 4, hashCode() slot 15, calling them by name
package .test.objover;

class money
{
    var cents : int;

    void money(var c : int)
    {
        cents = c;
    }

    string toString()
    {
        return "money";
    }

    int equals(var o : .internal.object)
    {
        return 0;
    }

    int hashCode()
    {
        return cents;
    }

    int check()
    {
        var s : string;
        s = toString();
        return hashCode() + equals(this);
    }
};
