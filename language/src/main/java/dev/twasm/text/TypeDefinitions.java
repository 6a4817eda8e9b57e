package dev.twasm.text;

import dev.twasm.model.ArrayType;
import dev.twasm.model.CompositeType;
import dev.twasm.model.FieldType;
import dev.twasm.model.StructType;
import dev.twasm.model.SubType;
import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Type definitions of the text format (spec 3.0 §6.4.7–§6.4.9, §6.6.2 "Types"): {@code (rec
 * typedef*)} and {@code typedef ::= (type $id? subtype)}, {@code subtype ::= (sub final? typeidx*
 * comptype) | comptype}, {@code comptype ::= (func ...) | (struct (field $id? fieldtype)*) | (array
 * fieldtype)}, {@code fieldtype ::= storagetype | (mut storagetype)}. A {@code (field)} without
 * identifier may list several field types; field identifiers are bound per structure type in
 * {@link ModuleScope#fieldNames} (for the struct instructions to come). Type identifiers are bound for the whole module before
 * any definition is parsed ({@link ModuleParser}), so a definition may name any type, later ones
 * included; validation rejects references past the end of the recursion group.
 */
final class TypeDefinitions {
    private TypeDefinitions() {
    }

    /** The identifiers the types of a {@code (type ...)} or {@code (rec ...)} field define, in order (null for none), from token {@code start}. */
    static List<Integer> definitionTokens(TokenCursor in, int start) {
        List<Integer> result = new ArrayList<>();
        if (in.tokens.keyword(start + 1) == Keyword.TYPE) {
            result.add(start);
            return result;
        }
        int p = start + 2;
        while (in.tokens.kind(p) == TokenKind.LPAR && in.tokens.keyword(p + 1) == Keyword.TYPE && in.tokens.partner(p) > 0) {
            result.add(p);
            p = in.tokens.partner(p) + 1;
        }
        return result;
    }

    /** Parses a {@code (type ...)} field, a group of one, or a {@code (rec ...)} field. */
    static List<SubType> recType(TokenCursor in, ModuleScope scope) {
        List<SubType> group = new ArrayList<>();
        if (in.atForm(Keyword.REC)) {
            in.pos += 2;
            while (in.atForm(Keyword.TYPE)) {
                group.add(typeDefinition(in, scope));
            }
            in.expectRPar();
        } else {
            group.add(typeDefinition(in, scope));
        }
        return group;
    }

    private static SubType typeDefinition(TokenCursor in, ModuleScope scope) {
        in.expectForm(Keyword.TYPE);
        in.optionalId();
        IndexSpace fields = new IndexSpace("field", "field");
        scope.fieldNames.add(fields);
        SubType type = subType(in, scope, fields);
        in.expectRPar();
        return type;
    }

    private static SubType subType(TokenCursor in, ModuleScope scope, IndexSpace fieldNames) {
        if (!in.atForm(Keyword.SUB)) {
            return SubType.plain(compositeType(in, fieldNames));
        }
        in.pos += 2;
        boolean isFinal = in.atKeyword(Keyword.FINAL);
        if (isFinal) {
            in.pos++;
        }
        List<Integer> supers = new ArrayList<>();
        while (IndexSpace.atReference(in)) {
            supers.add(IndexSpace.clamp(scope.typeNames.resolve(in)));
        }
        CompositeType composite = compositeType(in, fieldNames);
        in.expectRPar();
        return new SubType(isFinal, supers.stream().mapToInt(Integer::intValue).toArray(), composite);
    }

    /** A composite type; the fields of a structure type are bound in {@code fieldNames} ("duplicate field"). */
    private static CompositeType compositeType(TokenCursor in, IndexSpace fieldNames) {
        if (in.atForm(Keyword.FUNC)) {
            return TypeUses.funcType(in);
        }
        if (in.atForm(Keyword.STRUCT)) {
            in.pos += 2;
            List<FieldType> fields = new ArrayList<>();
            while (in.atForm(Keyword.FIELD)) {
                in.pos += 2;
                if (in.at(TokenKind.ID)) {
                    int token = in.pos;
                    fieldNames.add(in.optionalId(), in, token);
                    fields.add(fieldType(in));
                } else {
                    while (!in.at(TokenKind.RPAR)) {
                        fieldNames.add(null, in, in.pos);
                        fields.add(fieldType(in));
                    }
                }
                in.expectRPar();
            }
            in.expectRPar();
            return new StructType(fields);
        }
        if (in.atForm(Keyword.ARRAY)) {
            in.pos += 2;
            FieldType element = fieldType(in);
            in.expectRPar();
            return new ArrayType(element);
        }
        throw in.unexpected();
    }

    private static FieldType fieldType(TokenCursor in) {
        if (in.atForm(Keyword.MUT)) {
            in.pos += 2;
            FieldType field = storageType(in, true);
            in.expectRPar();
            return field;
        }
        return storageType(in, false);
    }

    private static FieldType storageType(TokenCursor in, boolean mutable) {
        if (in.atKeyword(Keyword.I8) || in.atKeyword(Keyword.I16)) {
            FieldType.PackedType packed = in.atKeyword(Keyword.I8) ? FieldType.PackedType.I8 : FieldType.PackedType.I16;
            in.pos++;
            return FieldType.packed(packed, mutable);
        }
        ValType type = in.valType();
        return FieldType.of(type, mutable);
    }
}
