package .demo;
class a
{
    void go()
    {
        var s : string;
        s = "abc