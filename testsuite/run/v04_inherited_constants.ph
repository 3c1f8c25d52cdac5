// covers: deviation V4 — an inherited method reads string constants from the class that defined it, not from the receiver's class
package .test;

class main
{
    void run(var boot) [8]
    {
        var c : child;
        c = new child();
        boot.16(c.parentText() + " " + c.childText() + "\n");
    }
};

class parent
{
    string parentText() { return "from-parent"; }
};

class child extends parent
{
    string childText() { return "from-child"; }
};
