import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

@InputType()
export class CompileCapacityReportInput {
  @Field(() => Int, { description: 'Calendar year, 2020–2100' }) @IsInt() @Min(2020) @Max(2100) year: number;
  @Field(() => Int, { nullable: true, description: 'Only this quarter (1–4) of the year' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  quarter?: number;
}
