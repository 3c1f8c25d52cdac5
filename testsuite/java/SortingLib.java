// Arrays.sort, Collections.sort, List.sort with comparators (lambdas and
// Comparable classes), Arrays.toString, fill, equals, copyOf.
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

public class SortingLib {
    static class Person implements Comparable<Person> {
        final String name;
        final int age;
        Person(String name, int age) {
            this.name = name;
            this.age = age;
        }
        public int compareTo(Person o) {
            return Integer.compare(age, o.age);
        }
        public String toString() {
            return name + "(" + age + ")";
        }
    }

    public static void main(String[] args) {
        int[] xs = {5, -2, 9, 0, 5, 3, -7};
        Arrays.sort(xs);
        System.out.println(Arrays.toString(xs));
        long[] ls = {3000000000L, -1, 7};
        Arrays.sort(ls);
        System.out.println(Arrays.toString(ls));
        String[] words = {"pear", "apple", "fig", "banana", "cherry"};
        Arrays.sort(words);
        System.out.println(Arrays.toString(words));
        Arrays.sort(words, (a, b) -> a.length() - b.length());
        System.out.println(Arrays.toString(words));
        List<Person> people = new ArrayList<>();
        people.add(new Person("Ann", 31));
        people.add(new Person("Bob", 25));
        people.add(new Person("Cy", 31));
        people.add(new Person("Di", 19));
        Collections.sort(people);
        System.out.println(people);
        people.sort((a, b) -> b.name.compareTo(a.name));
        System.out.println(people);
        List<Integer> nums = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nums.add((i * 5) % 8);
        }
        Collections.sort(nums);
        Collections.reverse(nums);
        System.out.println(nums);
        int[] filled = new int[4];
        Arrays.fill(filled, 7);
        System.out.println(Arrays.toString(filled) + " " + Arrays.equals(filled, new int[] {7, 7, 7, 7}) + " " + Arrays.toString(Arrays.copyOf(xs, 3)));
    }
}
