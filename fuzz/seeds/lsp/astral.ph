package .demo;
// 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 comment
class shape
{
    var s😀 : int;
    int area() [16]
    {
        var t : string;
        t = "😀😀😀";
        return t.length() + 𝔵;
    }
};
