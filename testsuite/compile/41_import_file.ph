// covers: `import "file"` expression embedding a file's bytes as a string constant (path relative to the source file)
package .test.embed;

class embed
{
    string text()
    {
        return import "assets/hello.txt";
    }

    int size()
    {
        var s : string;
        s = import "assets/hello.txt";
        return s.length();
    }

    void main(var boot) [8]
    {
        boot.16(text());
    }
};
