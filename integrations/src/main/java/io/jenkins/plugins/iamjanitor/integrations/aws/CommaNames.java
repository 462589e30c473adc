package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * IAM user names may contain {@code +=,.@_-}. A credential report that does not quote a name with commas (seen from
 * AWS emulators) splits it, and its ARN, into extra cells. The name appears twice (user and ARN), so a row with
 * {@code 2k} extra cells and adjacent user/ARN columns is repaired by joining {@code k+1} cells for each.
 */
final class CommaNames {
    private CommaNames() {
    }

    /** The repaired cells, or null when the row cannot be explained as a comma-named user. */
    static List<String> merge(List<String> cells, int expected, int userColumn, int arnColumn) {
        int extra = cells.size() - expected;
        if (extra <= 0 || extra % 2 != 0 || arnColumn != userColumn + 1) {
            return null;
        }
        int k = extra / 2;
        String user = String.join(",", cells.subList(userColumn, userColumn + k + 1));
        String arn = String.join(",", cells.subList(userColumn + k + 1, userColumn + 2 * k + 2));
        if (!agree(user, arn)) {
            return null;
        }
        List<String> out = new ArrayList<>(cells.subList(0, userColumn));
        out.add(user);
        out.add(arn);
        out.addAll(cells.subList(userColumn + 2 * k + 2, cells.size()));
        return out;
    }

    /** A user's ARN is {@code arn:PARTITION:iam::ACCOUNT:user/PATH/NAME}: the name is what follows the last slash. */
    static boolean agree(String user, String arn) {
        return user != null && arn != null && arn.startsWith("arn:") && arn.contains(":user/")
                && arn.endsWith("/" + user) && !user.contains("/");
    }

    /** For warnings only: the first cell of the user ARN in {@code text} after {@code :user/} and any path. */
    static String nameFromArn(String text) {
        int at = text == null ? -1 : text.indexOf(":user/");
        if (at < 0) {
            return null;
        }
        String rest = text.substring(at + 6);
        int comma = rest.indexOf(',');
        String cell = comma < 0 ? rest : rest.substring(0, comma);
        return cell.substring(cell.lastIndexOf('/') + 1);
    }
}
