// error: E0303 an override that changes the return type
package .test.err;

class base
{
    int value()
    {
        return 1;
    }
};

class derived extends base
{
    string value()
    {
        return "one";
    }
};
