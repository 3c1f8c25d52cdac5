// covers: three-level extends chain, parent no-argument constructors run before the child's, inherited fields and methods, overriding, dynamic dispatch through a parent-typed variable
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : animal;
        var d : dog;
        var p : puppy;
        out = boot;
        a = new animal();
        d = new dog();
        p = new puppy();
        out.16("animal: " + a.describe() + "\n");
        out.16("dog: " + d.describe() + "\n");
        out.16("puppy: " + p.describe() + " age " + p.age() + "\n");
        out.16("trace animal=" + a.getTrace() + " dog=" + d.getTrace() + " puppy=" + p.getTrace() + "\n");
        a = p;
        out.16("puppy as animal: " + a.sound() + " " + a.getLegs() + "\n");
        a = d;
        out.16("dog as animal: " + a.sound() + "\n");
        d = p;
        out.16("puppy as dog: " + d.sound() + " " + d.fetch() + "\n");
    }
};

class animal
{
    var legs : int;
    var trace : string;

    void animal()
    {
        legs = 0;
        trace = "A";
    }

    string sound()
    {
        return "...";
    }

    int getLegs()
    {
        return legs;
    }

    string getTrace()
    {
        return trace;
    }

    string describe()
    {
        return sound() + " on " + getLegs() + " legs";
    }
};

class dog extends animal
{
    void dog()
    {
        legs = 4;
        trace = trace + "D";
    }

    string sound()
    {
        return "woof";
    }

    string fetch()
    {
        return "fetches";
    }
};

class puppy extends dog
{
    void puppy()
    {
        trace = trace + "P";
    }

    string sound()
    {
        return "yip";
    }

    int age()
    {
        return getLegs() - 3;
    }
};
