// covers: extends chains of three classes, parent constructor calls, overrides taking the parent ordinal, inherited method calls
package .test.chain;

class animal
{
    var legs : int;

    void animal()
    {
        legs = 0;
    }

    string sound()
    {
        return "...";
    }

    int getLegs()
    {
        return legs;
    }
};

class dog extends animal
{
    void dog()
    {
        legs = 4;
    }

    string sound()
    {
        return "woof";
    }
};

class puppy extends dog
{
    string sound()
    {
        return "yip";
    }

    int age()
    {
        return getLegs() - 3;
    }
};
