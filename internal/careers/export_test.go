package careers

// LogoCSP exposes logoCSP to the external tests.
var LogoCSP = logoCSP
