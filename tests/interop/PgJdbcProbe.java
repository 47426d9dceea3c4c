// PgJdbcProbe: connect to PostgreSQL with pgjdbc (Debian's libpostgresql-jdbc-java)
// the way an application would: sslmode=verify-ca or verify-full and
// sslrootcert=CA, nothing else (default LibPQFactory, default hostname verifier).
//
//   java -cp DIR:/usr/share/java/postgresql.jar PgJdbcProbe --port P --ca CA --user U MODE HOST [MODE HOST...]
//
// One JVM runs every (MODE, HOST) pair, to pay the JVM start once. HOST is a
// name (resolved through /etc/hosts, probe.sh's namespace maps it to
// 127.0.0.1), 127.0.0.1 or ::1. For each pair prints one line:
//
//   MODE <TAB> HOST <TAB> accept|reject|error <TAB> reason
//
// accept: connected and pg_stat_ssl says the session is encrypted (reason:
// protocol and cipher). reject: pgjdbc refused; the reason is its message and
// the chain of causes. error: the harness failed (connection refused, timeout,
// unknown host, authentication).
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

public final class PgJdbcProbe {
    private PgJdbcProbe() {}

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** The message and its causes, "a: b: c", without repeating a cause already in the text. */
    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = oneLine(c.getMessage());
            if (m.isEmpty()) {
                m = c.getClass().getSimpleName();
            }
            if (sb.indexOf(m) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(m);
        }
        return sb.toString();
    }

    private static boolean harnessFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof SocketTimeoutException) {
                return true;
            }
            if (c instanceof SQLException) {
                String state = ((SQLException) c).getSQLState();
                // 28xxx authentication, 3D000 no database, 08001 only with a refused/unknown cause above
                if (state != null && (state.startsWith("28") || state.equals("3D000"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String probe(int port, String ca, String user, String mode, String host) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", mode);
        p.setProperty("sslrootcert", ca);
        p.setProperty("gssEncMode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "10");
        p.setProperty("loginTimeout", "15");
        String url = "jdbc:postgresql://" + h + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, p);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            if (rs.next() && rs.getBoolean(1)) {
                return "accept\tssl " + rs.getString(2) + " " + rs.getString(3);
            }
            return "reject\tconnected without TLS";
        } catch (SQLException | RuntimeException e) {
            String why = describe(e);
            return (harnessFailure(e) ? "error\tharness: " : "reject\t") + why;
        }
    }

    public static void main(String[] args) {
        int port = -1;
        String ca = null;
        String user = "probe";
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": port = Integer.parseInt(args[++i]); break;
                case "--ca": ca = args[++i]; break;
                case "--user": user = args[++i]; break;
                default:
                    if (i + 1 >= args.length) {
                        System.err.println("PgJdbcProbe: MODE without HOST: " + args[i]);
                        System.exit(2);
                    }
                    pairs.add(new String[] {args[i], args[++i]});
            }
        }
        if (port < 0 || ca == null || pairs.isEmpty()) {
            System.err.println("usage: PgJdbcProbe --port P --ca CA [--user U] MODE HOST [MODE HOST...]");
            System.exit(2);
        }
        for (String[] pr : pairs) {
            String r = probe(port, ca, user, pr[0], pr[1]);
            System.out.println(pr[0] + "\t" + pr[1] + "\t" + r); // r: verdict TAB one-line reason
            System.out.flush();
        }
    }
}
