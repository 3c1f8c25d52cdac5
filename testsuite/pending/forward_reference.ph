// PENDING (compiler bug): member types can only name classes declared EARLIER in the file: `var pet : animal;` with class animal defined below gives E0201, although `extends` accepts a later class. Expected: compiles.
// covers: several classes in one file referring to each other in both directions, a class used before its definition
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
