// covers: several classes in one file, later classes using earlier ones as field/argument/return types, objects passed between them
package .test.multi;

class animal
{
    var name : string;

    void animal(var n : string)
    {
        name = n;
    }

    string getName()
    {
        return name;
    }
};

class owner
{
    var pet : animal;

    void owner()
    {
        pet = new animal("rex");
    }

    animal getPet()
    {
        return pet;
    }

    string petName()
    {
        return pet.getName();
    }
};

class shelter
{
    string adopt(var o : owner)
    {
        var a : animal;
        a = o.getPet();
        return a.getName();
    }
};
