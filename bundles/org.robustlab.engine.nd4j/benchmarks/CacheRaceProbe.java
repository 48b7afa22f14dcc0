import org.nd4j.linalg.factory.Nd4j;

/** Loads ND4J's native backend and prints the sum of a 2x2 array of ones: 4.0 when the libraries loaded. */
public class CacheRaceProbe {
    public static void main(String[] args) {
        System.out.println(Nd4j.ones(2, 2).sumNumber().doubleValue());
    }
}
