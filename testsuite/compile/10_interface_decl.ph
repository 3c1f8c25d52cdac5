// covers: interface declarations (methods end with ';', explicit ordinals pinned), calls through interface-typed arguments
package .test.ifdecl;

interface shape
{
    int area();
    string name() [20];
};

interface printer
{
    void print(var s : string) [24];
    void newline() [25];
};

class report
{
    void show(var p : printer, var s : shape)
    {
        p.print(s.name());
        p.print(" has area ");
        if (s.area() > 100)
            p.print("big");
        else
            p.print("small");
        p.newline();
    }
};
