import { describeMemoryChoices, isValidFargateSize, validFargateMemory } from "../src/fargate";

it.each([
  [256, 512, true],
  [256, 768, false],
  [512, 4096, true],
  [1024, 1024, false],
  [4096, 30720, true],
  [8192, 20480, true],
  [8192, 18432, false],
  [16384, 122880, true],
  [300, 1024, false],
])("cpu %i with memory %i is valid: %s", (cpu, memory, valid) => {
  expect(isValidFargateSize(cpu, memory)).toBe(valid);
});

it.each([
  [256, "512, 1024 or 2048"],
  [1024, "2048 to 8192 in steps of 1024"],
  [16384, "32768 to 122880 in steps of 8192"],
])("describes the memory choices for cpu %i as %s", (cpu, text) => {
  expect(describeMemoryChoices(cpu)).toBe(text);
});

it("has no memory sizes for an invalid CPU", () => {
  expect(validFargateMemory(384)).toBeUndefined();
});
