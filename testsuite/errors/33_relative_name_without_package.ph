// error: E0202 relative class names without a `package`
class nopackage
{
    var o : helper;

    void f()
    {
    }
};
