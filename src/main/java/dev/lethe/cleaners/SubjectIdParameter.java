package dev.lethe.cleaners;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;

/**
 * Binds a subject id (always a string on the wire) to a statement so the database converts it to the column's
 * type. PostgreSQL infers the type of an untyped parameter from the column it is compared with; an id that is not
 * a valid value of that type (letters for a bigint column) cannot match any row.
 */
final class SubjectIdParameter {

    /** invalid_text_representation, numeric_value_out_of_range, invalid_datetime_format. */
    private static final Set<String> NOT_A_VALUE_OF_THE_COLUMN_TYPE = Set.of("22P02", "22003", "22007");

    private SubjectIdParameter() {
    }

    static void bind(PreparedStatement statement, int index, String id) throws SQLException {
        if (statement.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
            statement.setObject(index, id, Types.OTHER);
        } else {
            statement.setString(index, id);
        }
    }

    static boolean cannotMatch(SQLException error) {
        return NOT_A_VALUE_OF_THE_COLUMN_TYPE.contains(error.getSQLState());
    }
}
