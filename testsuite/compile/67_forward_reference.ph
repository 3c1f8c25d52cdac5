// covers: classes referring to each other in both directions, a class used as a field type before its definition
package .test.multi;

class owner
{
    var pet : animal;

    void owner()
    {
        pet = new animal("rex");
    }

    string petName()
    {
        return pet.getName();
    }
};

class animal
{
    var name : string;
    var keeper : owner;

    void animal(var n : string)
    {
        name = n;
    }

    string getName()
    {
        return name;
    }

    void adopt(var o : owner)
    {
        keeper = o;
    }
};
