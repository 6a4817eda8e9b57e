package dev.twasm.text;

import dev.twasm.model.FuncType;
import dev.twasm.model.BlockType;
import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Type uses (spec §6.6.3): {@code (type x)? (param ...)* (result ...)*} as they appear in functions,
 * imports, {@code call_indirect} and block types. With {@code (type x)} the inline parameters and
 * results, if any, must match type {@code x} ("inline function type"); without it the type is found
 * or inserted by the {@link TypeTable}. A block type with no parameters and at most one result is
 * encoded directly rather than as a type index (spec §6.5.2 "Control Instructions", block types).
 */
final class TypeUses {
    private TypeUses() {
    }

    /**
     * Parses a type use and returns its type index.
     *
     * @param params receives the parameters (named or not) when not null; null where parameters
     *            may not be named ({@code call_indirect}, block types)
     */
    static long typeUse(TokenCursor in, ModuleScope scope, LocalScope params) {
        int typeToken = -1;
        long typeIndex = -1;
        if (in.atForm(Keyword.TYPE)) {
            typeToken = in.pos;
            in.pos += 2;
            typeIndex = scope.typeNames.resolve(in);
            in.expectRPar();
        }
        List<ValType> paramTypes = new ArrayList<>();
        List<ValType> resultTypes = new ArrayList<>();
        parseSignature(in, paramTypes, resultTypes, params);
        FuncType inline = new FuncType(paramTypes.toArray(ValType[]::new), resultTypes.toArray(ValType[]::new));
        if (typeToken < 0) {
            return scope.types.findOrAppend(inline);
        }
        boolean hasInline = !paramTypes.isEmpty() || !resultTypes.isEmpty();
        boolean known = typeIndex < scope.types.size();
        if (hasInline) {
            if (!known) {
                throw in.error("unknown type", typeToken + 2);
            }
            if (!inline.equals(scope.types.funcType((int) typeIndex))) {
                throw in.error("inline function type", typeToken);
            }
        } else if (params != null && known && scope.types.funcType((int) typeIndex) != null) {
            params.addParams(scope.types.funcType((int) typeIndex).paramCount());
        }
        return typeIndex;
    }

    /**
     * Parses {@code (param ...)* (result ...)*}. Parameters may carry identifiers only when
     * {@code params} is not null, and are then bound in it.
     */
    static void parseSignature(TokenCursor in, List<ValType> paramTypes, List<ValType> resultTypes, LocalScope params) {
        while (in.atForm(Keyword.PARAM)) {
            in.pos += 2;
            if (in.at(TokenKind.ID) && params != null) {
                int token = in.pos;
                String id = in.optionalId();
                String annotated = in.annotations != null ? in.annotations.name(in.pos, "parameter") : null;
                paramTypes.add(in.valType());
                params.addParam(id, in, token);
                if (annotated != null) {
                    params.nameLast(annotated);
                }
            } else {
                while (in.isValType(in.pos)) {
                    paramTypes.add(in.valType());
                    if (params != null) {
                        params.addParam(null, in, 0);
                    }
                }
            }
            in.expectRPar();
        }
        while (in.atForm(Keyword.RESULT)) {
            in.pos += 2;
            while (in.isValType(in.pos)) {
                resultTypes.add(in.valType());
            }
            in.expectRPar();
        }
        if (in.atForm(Keyword.PARAM) || in.atForm(Keyword.TYPE)) {
            // out of order: (type) (param)* (result)* is the only order, even before checking types
            throw in.unexpected(in.pos + 1);
        }
    }

    /** Parses a function type definition's {@code (func ...)}, parameter names allowed and ignored. */
    static FuncType funcType(TokenCursor in) {
        in.expectForm(Keyword.FUNC);
        List<ValType> paramTypes = new ArrayList<>();
        List<ValType> resultTypes = new ArrayList<>();
        parseSignature(in, paramTypes, resultTypes, new LocalScope());
        in.expectRPar();
        return new FuncType(paramTypes.toArray(ValType[]::new), resultTypes.toArray(ValType[]::new));
    }

    /**
     * Parses a block type: a type index, the empty type or a single result type.
     */
    static BlockType blockType(TokenCursor in, ModuleScope scope) {
        if (in.atForm(Keyword.TYPE)) {
            return BlockType.ofTypeIndex((int) Math.min(typeUse(in, scope, null), Integer.MAX_VALUE));
        }
        List<ValType> paramTypes = new ArrayList<>();
        List<ValType> resultTypes = new ArrayList<>();
        parseSignature(in, paramTypes, resultTypes, null);
        if (paramTypes.isEmpty() && resultTypes.isEmpty()) {
            return BlockType.EMPTY;
        }
        if (paramTypes.isEmpty() && resultTypes.size() == 1) {
            return BlockType.of(resultTypes.get(0));
        }
        return BlockType.ofTypeIndex(scope.types.findOrAppend(new FuncType(paramTypes.toArray(ValType[]::new), resultTypes.toArray(ValType[]::new))));
    }
}
