package dev.weir.registry.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaFormatTest {

    private final JsonSchemaFormat format = new JsonSchemaFormat();

    /** Schemas in tests use single quotes, so they read as JSON without escaping. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static String object(String properties) {
        return json("{'type':'object','properties':{" + properties + "}}");
    }

    private List<String> readerProblems(String reader, String writer) {
        return format.readerProblems(SchemaText.of(json(reader)), SchemaText.of(json(writer)));
    }

    private String canonical(String schema) {
        return format.canonicalize(SchemaText.of(json(schema)));
    }

    private void assertInvalid(String schema, String message) {
        assertThatThrownBy(() -> canonical(schema)).isInstanceOf(InvalidSchemaException.class).hasMessage(message);
    }

    // canonicalization

    @Test
    void canonicalTextIsCompactJsonWithSortedKeys() {
        assertThat(canonical("{ 'type' : 'object',\n  'properties': { 'b': {'type':'string'}, 'a': {} } }"))
                .isEqualTo(json("{'properties':{'a':{},'b':{'type':'string'}},'type':'object'}"));
    }

    @Test
    void formattingAndKeyOrderDoNotChangeIdentity() {
        assertThat(canonical("{'type':'string','maxLength':5}"))
                .isEqualTo(canonical("{\n  'maxLength' : 5,\n  'type' : 'string'\n}"));
    }

    @Test
    void differentSchemasHaveDifferentCanonicalTexts() {
        assertThat(canonical("{'type':'string','maxLength':5}")).isNotEqualTo(canonical("{'type':'string','maxLength':6}"));
    }

    // invalid schemas

    @Test
    void malformedJsonIsRejectedWithLineAndColumn() {
        assertThatThrownBy(() -> canonical("{'type':\n 'string',}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("invalid JSON at line 2, column 11: Unexpected character ('}'");
    }

    @Test
    void aTypeThatIsNotANameIsRejected() {
        assertInvalid(object("'amount':{'type':5}"), json(
                "#/properties/amount: 'type' must be a type name or a non-empty array of type names, got the number 5"));
    }

    @Test
    void anUnknownTypeNameIsRejectedWithTheClosestValidOne() {
        assertInvalid(object("'amount':{'type':'numbr'}"), "#/properties/amount: unknown type \"numbr\" (did you mean"
                + " number?); the types are array, boolean, integer, null, number, object, string");
    }

    @Test
    void aDocumentThatIsNeitherAnObjectNorABooleanIsNotASchema() {
        assertInvalid("[1, 2]", "#: a schema must be a JSON object or a boolean, got an array");
    }

    @Test
    void aNegativeLengthIsRejected() {
        assertInvalid("{'type':'string','maxLength':-1}", json("#: 'maxLength' must be a non-negative integer, got the number -1"));
    }

    @Test
    void aPatternThatDoesNotCompileIsRejected() {
        assertInvalid("{'type':'string','pattern':'[a-'}",
                json("#: 'pattern' has an invalid regular expression '[a-': Illegal character range"));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> canonical("{'type':'string','type':'number'}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("invalid JSON at line 1, column 24: Duplicate field 'type'");
    }

    @Test
    void aRefThatPointsNowhereIsRejected() {
        assertInvalid(object("'customer':{'$ref':'customer.json'}"),
                json("#/properties/customer: '$ref' 'customer.json' does not resolve (the schema has no references)"));
    }

    @Test
    void anUnsupportedDraftIsRejected() {
        assertInvalid("{'$schema':'http://json-schema.org/draft-03/schema#'}", json("#: unsupported '$schema' "
                + "'http://json-schema.org/draft-03/schema#'; Weir reads draft-04, draft-06, draft-07, 2019-09 and 2020-12"));
    }

    // references

    @Test
    void aRefToAReferenceNameResolvesToThatSchema() {
        SchemaText schema = new SchemaText(object("'customer':{'$ref':'customer.json#/definitions/id'}"),
                Map.of("customer.json", json("{'definitions':{'id':{'type':'string'}}}")));

        assertThat(format.canonicalize(schema)).isEqualTo(json("{'properties':{'customer':{'$ref':'customer.json#/definitions/id'}},'type':'object'}"));
    }

    @Test
    void aChangeInsideAReferencedSchemaIsReportedWhereItIsUsed() {
        String schema = object("'customer':{'$ref':'customer.json'}");
        SchemaText reader = new SchemaText(schema, Map.of("customer.json", json("{'type':'string','maxLength':10}")));
        SchemaText writer = new SchemaText(schema, Map.of("customer.json", json("{'type':'string'}")));

        assertThat(format.readerProblems(reader, writer)).containsExactly("#/properties/customer: maxLength added: 10");
    }

    @Test
    void localDefinitionsAreFollowed() {
        String reader = "{'$defs':{'money':{'type':'integer'}},'type':'object','properties':{'amount':{'$ref':'#/$defs/money'}}}";
        String writer = "{'definitions':{'money':{'type':'string'}},'type':'object','properties':{'amount':{'$ref':'#/definitions/money'}}}";

        assertThat(readerProblems(reader, writer)).containsExactly("#/properties/amount: type changed from string to integer");
    }

    @Test
    void recursiveSchemasAreComparedToTheEnd() {
        String tree = "{'type':'object','properties':{'name':{'type':'%s'},'children':{'type':'array','items':{'$ref':'#'}}}}";

        assertThat(readerProblems(tree.formatted("string"), tree.formatted("string"))).isEmpty();
        assertThat(readerProblems(tree.formatted("string"), tree.formatted("integer")))
                .containsExactly("#/properties/name: type changed from integer to string");
    }

    // types

    @Test
    void changingAPropertyTypeBreaksReaders() {
        assertThat(readerProblems(object("'amount':{'type':'string'}"), object("'amount':{'type':'number'}")))
                .containsExactly("#/properties/amount: type changed from number to string");
    }

    @Test
    void readingIntegersAsNumbersWorks() {
        assertThat(readerProblems(object("'amount':{'type':'number'}"), object("'amount':{'type':'integer'}"))).isEmpty();
    }

    @Test
    void readingNumbersAsIntegersNarrowsTheType() {
        assertThat(readerProblems(object("'amount':{'type':'integer'}"), object("'amount':{'type':'number'}")))
                .containsExactly("#/properties/amount: type narrowed from number to integer");
    }

    @Test
    void acceptingNullAsWellKeepsReadersWorking() {
        assertThat(readerProblems(object("'note':{'type':['string','null']}"), object("'note':{'type':'string'}"))).isEmpty();
    }

    @Test
    void noLongerAcceptingNullBreaksReaders() {
        assertThat(readerProblems(object("'note':{'type':'string'}"), object("'note':{'type':['string','null']}")))
                .containsExactly("#/properties/note: type narrowed from [null, string] to string");
    }

    @Test
    void typingAnUntypedValueNarrowsIt() {
        assertThat(readerProblems(object("'note':{'type':'string'}"), object("'note':{}")))
                .containsExactly("#/properties/note: type narrowed from any type to string");
    }

    // properties and content models

    @Test
    void addingAnOptionalPropertyToAnOpenObjectKeepsOldReadersWorking() {
        String old = object("'id':{'type':'string'}");
        String added = object("'id':{'type':'string'},'discount':{'type':'number'}");

        assertThat(readerProblems(old, added)).isEmpty();
    }

    @Test
    void aNewPropertyOfAnOpenObjectBreaksNewReadersOfOldData() {
        String old = object("'id':{'type':'string'}");
        String added = object("'id':{'type':'string'},'discount':{'type':'number'}");

        assertThat(readerProblems(added, old))
                .containsExactly("#/properties/discount: property added to an open content model, where the writer allows any value");
    }

    @Test
    void aNewUnconstrainedPropertyOfAnOpenObjectKeepsReadersWorking() {
        assertThat(readerProblems(object("'id':{},'note':{}"), object("'id':{}"))).isEmpty();
    }

    @Test
    void addingAnOptionalPropertyToAClosedObjectKeepsReadersWorking() {
        String old = "{'type':'object','properties':{'id':{}},'additionalProperties':false}";
        String added = "{'type':'object','properties':{'id':{},'discount':{'type':'number'}},'additionalProperties':false}";

        assertThat(readerProblems(added, old)).isEmpty();
    }

    @Test
    void removingAPropertyFromAnOpenObjectKeepsReadersWorking() {
        assertThat(readerProblems(object("'id':{}"), object("'id':{},'note':{'type':'string'}"))).isEmpty();
    }

    @Test
    void removingAPropertyFromAClosedObjectBreaksReaders() {
        String reader = "{'type':'object','properties':{'id':{}},'additionalProperties':false}";
        String writer = "{'type':'object','properties':{'id':{},'note':{'type':'string'}},'additionalProperties':false}";

        assertThat(readerProblems(reader, writer))
                .containsExactly("#/properties/note: property removed from a closed content model (additionalProperties: false)");
    }

    @Test
    void aRemovedPropertyMustMatchThePartiallyOpenContentModel() {
        String reader = "{'type':'object','properties':{'id':{}},'additionalProperties':{'type':'integer'}}";
        String writer = "{'type':'object','properties':{'id':{},'note':{'type':'string'}},'additionalProperties':{'type':'integer'}}";

        assertThat(readerProblems(reader, writer)).containsExactly("#/properties/note: type changed from string to integer");
    }

    @Test
    void makingAPropertyRequiredBreaksReaders() {
        String reader = "{'type':'object','properties':{'email':{}},'required':['email']}";

        assertThat(readerProblems(reader, object("'email':{}"))).containsExactly("#/properties/email: property became required");
    }

    @Test
    void addingARequiredPropertyBreaksReaders() {
        String reader = "{'type':'object','properties':{'id':{},'email':{'type':'string'}},'required':['email']}";

        assertThat(readerProblems(reader, object("'id':{}"))).containsExactly("#/properties/email: required property added");
    }

    @Test
    void aNewRequiredPropertyWithADefaultKeepsReadersWorking() {
        String reader = "{'type':'object','properties':{'email':{'default':''}},'required':['email']}";

        assertThat(readerProblems(reader, object("'email':{}"))).isEmpty();
    }

    @Test
    void droppingARequirementKeepsReadersWorking() {
        assertThat(readerProblems(object("'email':{}"), "{'type':'object','properties':{'email':{}},'required':['email']}")).isEmpty();
    }

    @Test
    void closingAnOpenObjectBreaksReaders() {
        String reader = "{'type':'object','properties':{'id':{}},'additionalProperties':false}";

        assertThat(readerProblems(reader, object("'id':{}"))).containsExactly("#/additionalProperties: additional properties are no longer allowed");
    }

    @Test
    void constrainingTheUndeclaredPropertiesOfAnOpenObjectBreaksReaders() {
        String reader = "{'type':'object','properties':{'id':{}},'additionalProperties':{'type':'string'}}";

        assertThat(readerProblems(reader, object("'id':{}"))).containsExactly("#/additionalProperties: narrowed from any value to a schema");
    }

    @Test
    void aPatternPropertyIsComparedWithTheSamePattern() {
        String reader = "{'type':'object','patternProperties':{'^x-':{'type':'integer'}}}";
        String writer = "{'type':'object','patternProperties':{'^x-':{'type':'string'}}}";

        assertThat(readerProblems(reader, writer)).containsExactly("#/patternProperties/^x-: type changed from string to integer");
    }

    @Test
    void openingAClosedObjectKeepsReadersWorking() {
        assertThat(readerProblems(object("'id':{}"), "{'type':'object','properties':{'id':{}},'additionalProperties':false}")).isEmpty();
    }

    @Test
    void fewerAllowedPropertiesBreakReaders() {
        assertThat(readerProblems("{'type':'object','maxProperties':3}", "{'type':'object','maxProperties':5}"))
                .containsExactly("#: maxProperties decreased from 5 to 3");
    }

    // enums

    @Test
    void addingAnEnumValueKeepsReadersWorking() {
        assertThat(readerProblems("{'enum':['NEW','PAID','CANCELLED']}", "{'enum':['NEW','PAID']}")).isEmpty();
    }

    @Test
    void removingAnEnumValueBreaksReaders() {
        assertThat(readerProblems(object("'status':{'enum':['NEW','PAID']}"), object("'status':{'enum':['NEW','PAID','CANCELLED']}")))
                .containsExactly("#/properties/status: enum narrowed, \"CANCELLED\" no longer accepted");
    }

    @Test
    void restrictingAFreeValueToAnEnumBreaksReaders() {
        assertThat(readerProblems("{'type':'string','enum':['NEW','PAID']}", "{'type':'string'}"))
                .containsExactly("#: enum added, only [\"NEW\",\"PAID\"] accepted");
    }

    // strings and numbers

    @Test
    void aShorterMaxLengthBreaksReaders() {
        assertThat(readerProblems("{'type':'string','maxLength':10}", "{'type':'string','maxLength':20}"))
                .containsExactly("#: maxLength decreased from 20 to 10");
    }

    @Test
    void aLongerOrRemovedMaxLengthKeepsReadersWorking() {
        assertThat(readerProblems("{'type':'string','maxLength':30}", "{'type':'string','maxLength':20}")).isEmpty();
        assertThat(readerProblems("{'type':'string'}", "{'type':'string','maxLength':20}")).isEmpty();
    }

    @Test
    void aNewOrLargerMinLengthBreaksReaders() {
        assertThat(readerProblems("{'type':'string','minLength':1}", "{'type':'string'}")).containsExactly("#: minLength added: 1");
        assertThat(readerProblems("{'type':'string','minLength':3}", "{'type':'string','minLength':1}"))
                .containsExactly("#: minLength increased from 1 to 3");
    }

    @Test
    void aNewOrChangedPatternBreaksReaders() {
        assertThat(readerProblems("{'type':'string','pattern':'^[A-Z]+$'}", "{'type':'string'}"))
                .containsExactly("#: pattern added: \"^[A-Z]+$\"");
        assertThat(readerProblems("{'type':'string','pattern':'^[A-Z]+$'}", "{'type':'string','pattern':'^[a-z]+$'}"))
                .containsExactly("#: pattern changed from \"^[a-z]+$\" to \"^[A-Z]+$\"");
        assertThat(readerProblems("{'type':'string'}", "{'type':'string','pattern':'^[a-z]+$'}")).isEmpty();
    }

    @Test
    void aTighterNumberRangeBreaksReaders() {
        assertThat(readerProblems("{'type':'number','minimum':0,'maximum':50}", "{'type':'number','minimum':-10,'maximum':100}"))
                .containsExactly("#: maximum decreased from 100 to 50", "#: minimum increased from -10 to 0");
    }

    @Test
    void anExclusiveLimitWhereTheWriterHadAnInclusiveOneBreaksReaders() {
        assertThat(readerProblems("{'type':'number','exclusiveMaximum':10}", "{'type':'number','maximum':10}"))
                .containsExactly("#: upper bound narrowed from maximum 10 to exclusiveMaximum 10");
        assertThat(readerProblems("{'type':'number','maximum':10}", "{'type':'number','maximum':10,'exclusiveMaximum':true}")).isEmpty();
    }

    @Test
    void aMultipleOfTheWritersStepKeepsReadersWorkingAndAnyOtherBreaksThem() {
        assertThat(readerProblems("{'type':'number','multipleOf':2}", "{'type':'number','multipleOf':4}")).isEmpty();
        assertThat(readerProblems("{'type':'number','multipleOf':4}", "{'type':'number','multipleOf':2}"))
                .containsExactly("#: multipleOf changed from 2 to 4");
    }

    // arrays

    @Test
    void changingTheItemTypeBreaksReaders() {
        assertThat(readerProblems(object("'tags':{'type':'array','items':{'type':'integer'}}"),
                object("'tags':{'type':'array','items':{'type':'string'}}")))
                .containsExactly("#/properties/tags/items: type changed from string to integer");
    }

    @Test
    void fewerAllowedItemsOrRequiringUniqueItemsBreaksReaders() {
        assertThat(readerProblems("{'type':'array','maxItems':2,'uniqueItems':true}", "{'type':'array','maxItems':5}"))
                .containsExactly("#: maxItems decreased from 5 to 2", "#: uniqueItems added");
    }

    @Test
    void constrainingUnconstrainedItemsBreaksReaders() {
        assertThat(readerProblems("{'type':'array','items':{'type':'string'}}", "{'type':'array'}"))
                .containsExactly("#/items: narrowed from any value to a schema");
    }

    @Test
    void addingATupleItemToAnOpenTupleBreaksReaders() {
        assertThat(readerProblems("{'type':'array','prefixItems':[{'type':'string'},{'type':'number'}]}",
                "{'type':'array','prefixItems':[{'type':'string'}]}"))
                .containsExactly("#/prefixItems/1: tuple item added to an open content model, where the writer allows any value");
    }

    @Test
    void removingATupleItemFromAClosedTupleBreaksReaders() {
        assertThat(readerProblems("{'type':'array','prefixItems':[{'type':'string'}],'items':false}",
                "{'type':'array','prefixItems':[{'type':'string'},{'type':'number'}],'items':false}"))
                .containsExactly("#/prefixItems/1: tuple item removed from a closed content model (items: false)");
    }

    // combined schemas

    @Test
    void addingAOneOfBranchKeepsReadersWorking() {
        assertThat(readerProblems("{'oneOf':[{'type':'string'},{'type':'integer'},{'type':'boolean'}]}",
                "{'oneOf':[{'type':'string'},{'type':'integer'}]}")).isEmpty();
    }

    @Test
    void removingAOneOfBranchBreaksReaders() {
        assertThat(readerProblems("{'oneOf':[{'type':'string'},{'type':'integer'}]}",
                "{'oneOf':[{'type':'string'},{'type':'boolean'},{'type':'integer'}]}"))
                .containsExactly("#/oneOf/1: no subschema of the reader's oneOf accepts the writer's schema");
    }

    @Test
    void wideningATypeIntoAUnionKeepsReadersWorking() {
        assertThat(readerProblems("{'anyOf':[{'type':'string'},{'type':'null'}]}", "{'type':['null','string']}")).isEmpty();
        assertThat(readerProblems("{'anyOf':[{'type':'string','maxLength':5},{'type':'null'}]}", "{'type':'string'}"))
                .containsExactly("#: no subschema of the reader's anyOf accepts the writer's schema");
    }

    @Test
    void changingAnyOfToOneOfBreaksReaders() {
        assertThat(readerProblems("{'oneOf':[{'type':'string'},{'type':'integer'}]}", "{'anyOf':[{'type':'string'},{'type':'integer'}]}"))
                .containsExactly("#: anyOf changed to oneOf, so documents matching several subschemas are rejected");
    }

    @Test
    void anAllOfBranchAddingAConstraintBreaksReaders() {
        assertThat(readerProblems("{'allOf':[{'type':'string'},{'maxLength':5}]}", "{'allOf':[{'type':'string'}]}"))
                .containsExactly("#/allOf/1: maxLength added: 5");
        assertThat(readerProblems("{'allOf':[{'type':'string'}]}", "{'allOf':[{'type':'string'},{'maxLength':5}]}")).isEmpty();
    }

    @Test
    void addingANotBreaksReaders() {
        assertThat(readerProblems("{'type':'string','not':{'const':''}}", "{'type':'string'}")).containsExactly("#: not added");
    }

    @Test
    void aFalseReaderAcceptsNothingAndAFalseWriterWritesNothing() {
        assertThat(readerProblems("false", "{'type':'string'}")).containsExactly("#: the reader's schema is false, so nothing is accepted");
        assertThat(readerProblems("{'type':'string'}", "false")).isEmpty();
        assertThat(readerProblems("true", "{'type':'string'}")).isEmpty();
    }

    @Test
    void keywordsWeirDoesNotAnalyseMustStayTheSame() {
        assertThat(readerProblems("{'type':'object','propertyNames':{'maxLength':3}}", "{'type':'object'}"))
                .containsExactly("#: propertyNames added");
        assertThat(readerProblems("{'type':'object','propertyNames':{'maxLength':3}}", "{'type':'object','propertyNames':{'maxLength':4}}"))
                .containsExactly("#: propertyNames changed (Weir compares this keyword only for equality)");
    }
}
