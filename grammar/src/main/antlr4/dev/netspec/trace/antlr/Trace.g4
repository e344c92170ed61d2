/*
 * The netspec trace language: scenarios written by people, runs recorded by the stack.
 * Reference manual: docs/trace-language.md.
 *
 * Conventions (after antlr/grammars-v4): the start rule ends in EOF, every alternative
 * of a rule with more than one alternative is labelled, there are no actions, and tokens
 * are named by role. Whitespace and newlines are insignificant: every statement begins
 * with a keyword, a time, or "name:" / "name <" / "name >", so lines need no terminator.
 * Comments go to a hidden channel; the AST builder keeps them so that `netspec fmt`
 * never deletes one.
 *
 * Semantic rules (known names, units, ranges, duplicates, includes) live in
 * dev.netspec.trace.check.Checker, not here: the grammar accepts the shape, the checker
 * gives the precise message.
 */
grammar Trace;

trace
    : item* EOF
    ;

item
    : SCENARIO STRING                                   # ScenarioItem
    | DESCRIPTION STRING                                # DescriptionItem
    | SEED NUMBER                                       # SeedItem
    | SPEC IDENT (WITH binding (COMMA binding)*)?       # SpecItem
    | INCLUDE STRING                                    # IncludeItem
    | CONST IDENT EQ value                              # ConstItem
    | HOST IDENT LBRACE hostMember* RBRACE              # HostItem
    | LINK left=nicRef LINKSEP right=nicRef propertyBlock? # LinkItem
    | FLOW IDENT ON nicRef FROM remote=value TO local=value # FlowItem
    | costDecl                                          # CostItem
    | time? action                                      # TimedItem
    | STEP index=NUMBER time label=IDENT argList? state=value # StepItem
    ;

binding
    : IDENT EQ value
    ;

hostMember
    : NIC IDENT propertyBlock?                          # NicMember
    | ROUTE dest=value (VIA via=value)? DEV device=IDENT # RouteMember
    | costDecl                                          # CostMember
    ;

costDecl
    : COST IDENT value
    ;

propertyBlock
    : LBRACE property* RBRACE
    ;

// A property is a key and one value: `rx_ring 256`, `delay 10us`. Keys are checked by
// the checker against per-object tables, so a typo gets a "did you mean" message.
property
    : key value
    ;

// Property keys, argument names, record fields and path fields may be any word, keywords
// included: a recorded state's variables are named by the model, not by this language.
key
    : word
    ;

word
    : (IDENT | SCENARIO | DESCRIPTION | SEED | SPEC | WITH | INCLUDE | CONST | HOST | NIC | LINK | ROUTE | VIA
      | DEV | COST | FLOW | ON | FROM | TO | INJECT | LOAD | TEMPLATE | EVENT | RUN | EXPECT | EVENTUALLY
      | WITHIN | RATE | OVER | STEP | ACK | WIN)
    ;

nicRef
    : IDENT DOT IDENT
    ;

time
    : AT (QUANTITY | NUMBER)                            # AbsoluteTime
    | PLUS (QUANTITY | NUMBER)                          # RelativeTime
    ;

action
    : INJECT nicRef layers                              # InjectAction
    | LOAD nicRef property* TEMPLATE layers             # LoadAction
    | host=IDENT COLON (binds=IDENT EQ)? function=IDENT argList callResult? # CallAction
    | flow=IDENT direction tcpFlags seqRange (ACK ack=NUMBER)? (WIN window=NUMBER)? tcpOptions? # SegmentAction
    | EVENT IDENT argList?                              # EventAction
    | RUN value                                         # RunAction
    | EXPECT expectMode? observable compareOp value     # ExpectAction
    ;

layers
    : layer (SLASH layer)*
    ;

layer
    : IDENT argList
    ;

argList
    : LPAREN (arg (COMMA arg)*)? RPAREN
    ;

arg
    : key EQ value                                      # NamedArg
    | value                                             # PositionalArg
    ;

callResult
    : EQ value errno=IDENT?
    ;

direction
    : LT                                                # InboundDirection
    | GT                                                # OutboundDirection
    ;

// packetdrill's flags: letters from SFPRUEW, then "." for ACK, or "." alone.
tcpFlags
    : IDENT DOT?                                        # LetterFlags
    | DOT                                               # AckOnlyFlags
    ;

seqRange
    : first=NUMBER COLON last=NUMBER LPAREN length=NUMBER RPAREN
    ;

tcpOptions
    : LT (tcpOption (COMMA tcpOption)*)? GT
    ;

tcpOption
    : IDENT tcpOptionValue*
    ;

tcpOptionValue
    : NUMBER                                            # NumberOptionValue
    | IDENT                                             # WordOptionValue
    ;

expectMode
    : EVENTUALLY                                        # EventuallyMode
    | WITHIN value                                      # WithinMode
    ;

observable
    : RATE LPAREN path RPAREN OVER from=value RANGE to=value # RateObservable
    | path                                              # PathObservable
    ;

path
    : IDENT pathSuffix*
    ;

pathSuffix
    : DOT word                                          # FieldSuffix
    | LBRACKET value RBRACKET                           # IndexSuffix
    ;

compareOp
    : EQEQ                                              # EqOp
    | NEQ                                               # NeOp
    | LT                                                # LtOp
    | LE                                                # LeOp
    | GT                                                # GtOp
    | GE                                                # GeOp
    ;

// Values: TLA+-like data (numbers, strings, booleans, records, sequences, sets, model
// values) plus the network literals a scenario needs.
value
    : MINUS? NUMBER                                     # NumberValue
    | QUANTITY                                          # QuantityValue
    | STRING                                            # StringValue
    | (TRUE | FALSE)                                    # BooleanValue
    | IPV4                                              # Ipv4Value
    | PREFIX                                            # PrefixValue
    | ENDPOINT                                          # EndpointValue
    | MAC                                               # MacValue
    | HEX                                               # BytesValue
    | path                                              # PathValue
    | LBRACKET field (COMMA field)* RBRACKET            # RecordValue
    | LSEQ (value (COMMA value)*)? RSEQ                 # SequenceValue
    | LBRACE (value (COMMA value)*)? RBRACE             # SetValue
    ;

field
    : word MAPSTO value
    ;

// ---------------------------------------------------------------------------- lexer

SCENARIO    : 'scenario';
DESCRIPTION : 'description';
SEED        : 'seed';
SPEC        : 'spec';
WITH        : 'with';
INCLUDE     : 'include';
CONST       : 'const';
HOST        : 'host';
NIC         : 'nic';
LINK        : 'link';
ROUTE       : 'route';
VIA         : 'via';
DEV         : 'dev';
COST        : 'cost';
FLOW        : 'flow';
ON          : 'on';
FROM        : 'from';
TO          : 'to';
INJECT      : 'inject';
LOAD        : 'load';
TEMPLATE    : 'template';
EVENT       : 'event';
RUN         : 'run';
EXPECT      : 'expect';
EVENTUALLY  : 'eventually';
WITHIN      : 'within';
RATE        : 'rate';
OVER        : 'over';
STEP        : 'step';
ACK         : 'ack';
WIN         : 'win';
TRUE        : 'TRUE';
FALSE       : 'FALSE';

MAPSTO   : '|->';
LINKSEP  : '<->';
LSEQ     : '<<';
RSEQ     : '>>';
EQEQ     : '==';
NEQ      : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
EQ       : '=';
RANGE    : '..';
DOT      : '.';
COMMA    : ',';
COLON    : ':';
SLASH    : '/';
AT       : '@';
PLUS     : '+';
MINUS    : '-';
LPAREN   : '(';
RPAREN   : ')';
LBRACE   : '{';
RBRACE   : '}';
LBRACKET : '[';
RBRACKET : ']';

// Longer literals first where lengths tie; ANTLR picks the longest match otherwise, so
// "10.0.0.1" is an address, "10.0.0.1:80" an endpoint, "10.0.0.0/8" a prefix and
// "1.5ms" a quantity.
MAC      : HEX2 ':' HEX2 ':' HEX2 ':' HEX2 ':' HEX2 ':' HEX2;
ENDPOINT : OCTETS ':' DIGITS;
PREFIX   : OCTETS '/' DIGITS;
IPV4     : OCTETS;
HEX      : '0x' [0-9a-fA-F]+;
QUANTITY : DIGITS ('.' DIGITS)? ([a-zA-Z]+ | '%');
NUMBER   : DIGITS ('.' DIGITS)?;
STRING   : '"' (~["\\\r\n] | '\\' ["\\nrt])* '"';
// Malformed strings are tokens of their own so that the message can say what is wrong.
BAD_ESCAPE_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;
IDENT    : [a-zA-Z_] [a-zA-Z0-9_]*;

COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
WS       : [ \t\r\n]+ -> skip;

// Anything else is one bad character; the lexer reports it through the collecting
// listener and parsing goes on, so every error of a file is reported at once.
BAD_CHAR : .;

fragment DIGITS : [0-9]+;
fragment OCTETS : DIGITS '.' DIGITS '.' DIGITS '.' DIGITS;
fragment HEX2   : [0-9a-fA-F] [0-9a-fA-F];
